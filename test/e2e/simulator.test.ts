// /simulate/ in headless Chromium against the built site on the Pages runtime: sliders,
// presets, the URL (reload, back/forward, bad links), formulas, compare, CSV, accessibility.
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";
import { readFile } from "node:fs/promises";
import { launchChromium } from "../helpers/browser";
import { drag, everyPartLive, openSimulator, pinPlanAndCautious, scenarioFromUrl, text, watchChunksWith, watchCodecChunks } from "../helpers/simulator-page";
import { movesWhileArriving } from "../helpers/partial-html";
import { defaultScenario, encodeScenario, presets, validateScenario, type Scenario } from "../../src/lib/scenario";
import { project } from "../../src/lib/model";

const base = inject("baseUrl");
const open = (page: Page, search = "") => openSimulator(page, base, search);

/** 2035 GDP at constant prices as the page formats it, computed independently from the engine. */
function gdp2035Text(s: Scenario): string {
  const v = projectionOf(s).gdpReal[15]!;
  return `${new Intl.NumberFormat("zh-CN", { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v)}亿元`;
}

/** Labels of the series a chart's legend lists (series with data). */
async function drawnSeries(page: Page, chartId: string): Promise<string[]> {
  return page.locator(`[data-chart="${chartId}"] .chart-legend li`).allInnerTexts();
}

/** Labels of the datasets chart.js itself holds with data, read from its instance. */
async function chartDatasets(page: Page, chartId: string): Promise<string[]> {
  return page.locator(`[data-chart="${chartId}"] canvas`).evaluate((c) => {
    type Ds = { label: string; data: (number | null)[] };
    const get = (globalThis as unknown as { __simGetChart?: (c: HTMLCanvasElement) => { data: { datasets: Ds[] } } | undefined }).__simGetChart;
    return get?.(c as HTMLCanvasElement)?.data.datasets.filter((d) => d.data.some((v) => v != null)).map((d) => d.label) ?? [];
  });
}

function projectionOf(s: Scenario) {
  const r = project(s);
  if (!r.ok) throw new Error("test scenario does not project");
  return r.projection;
}

describe("simulator page", () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN", acceptDownloads: true });
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    await page?.close();
    page = await context.newPage();
  });

  it("server-renders the plan scenario's results, so the page reads before any script runs", async () => {
    const html = await (await fetch(`${base}/simulate/`)).text();
    expect(html).toContain(gdp2035Text(defaultScenario));
    expect(html).toContain('id="share-button"');
    // No mathjs in what the page loads up front: the compiler is a separate, lazily loaded chunk.
    expect(html).not.toMatch(/mathjs|compile-/);
  });

  it("shows a preset's source notes in the interface's language", async () => {
    await open(page);
    const plan = presets.find((p) => p.id === "plan")!;
    const notes = page.locator(".preset-note details");
    expect(await notes.locator("summary").innerText()).toBe("数据来源");
    await notes.locator("summary").click();
    expect(await notes.locator("li").allInnerTexts()).toEqual(plan.sources.map((s) => s.zh));
    await page.click("#lang-button");
    await expect.poll(() => notes.locator("summary").innerText()).toBe("Sources");
    expect(await notes.locator("li").allInnerTexts()).toEqual(plan.sources.map((s) => s.en));
  });

  it("moving a slider changes the 2035 result shown", async () => {
    await open(page);
    const before = await text(page, "#result-gdpReal-2035");
    expect(before).toBe(gdp2035Text(defaultScenario));
    await drag(page, "#in-gdpRealGrowth-1-range", [8, 7, 6, 5]);
    const after = await text(page, "#result-gdpReal-2035");
    expect(after).not.toBe(before);
    const expected = structuredClone(defaultScenario);
    expected.inputs.gdpRealGrowth.periods[1] = 5;
    expect(after).toBe(gdp2035Text(expected));
    // The number field follows the slider.
    expect(await page.inputValue("#in-gdpRealGrowth-1-number")).toBe("5");
  });

  it("works by keyboard: arrow keys on a focused slider move the result and the URL", async () => {
    await open(page);
    const before = await text(page, "#result-gdpReal-2035");
    await page.focus("#in-gdpRealGrowth-1-range");
    for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowLeft");
    await expect.poll(() => text(page, "#result-gdpReal-2035")).not.toBe(before);
    const expected = structuredClone(defaultScenario);
    expected.inputs.gdpRealGrowth.periods[1] = Number((defaultScenario.inputs.gdpRealGrowth.periods[1] - 0.5).toFixed(1));
    expect(await text(page, "#result-gdpReal-2035")).toBe(gdp2035Text(expected));
    await expect.poll(() => scenarioFromUrl(page.url()).inputs.gdpRealGrowth.periods[1]).toBe(expected.inputs.gdpRealGrowth.periods[1]);
    // The slider says what it sets.
    expect(await page.getAttribute("#in-gdpRealGrowth-1-range", "aria-label")).toContain("“十五五”");
  });

  it("typing in the number field moves the result, and a bad number is refused with a message", async () => {
    await open(page);
    await page.fill("#in-gdpRealGrowth-2-number", "4.5");
    const expected = structuredClone(defaultScenario);
    expected.inputs.gdpRealGrowth.periods[2] = 4.5;
    await expect.poll(() => text(page, "#result-gdpReal-2035")).toBe(gdp2035Text(expected));
    await page.fill("#in-gdpRealGrowth-2-number", "abc");
    expect(await page.locator(".field-error").first().innerText()).toContain("不是一个数");
    // The last valid value stays.
    expect(await text(page, "#result-gdpReal-2035")).toBe(gdp2035Text(expected));
  });

  it("a preset changes the URL, adds a history entry, and reload restores the same state", async () => {
    await open(page);
    expect(new URL(page.url()).search).toBe("");
    const entries = await page.evaluate(() => history.length);
    const cautious = presets.find((p) => p.id === "cautious")!;
    await page.selectOption("#preset-select", "cautious");
    await expect.poll(() => new URL(page.url()).searchParams.get("s")).not.toBeNull();
    expect(scenarioFromUrl(page.url()).basedOn).toBe("cautious");
    expect(scenarioFromUrl(page.url()).inputs.gdpRealGrowth.periods).toEqual(cautious.scenario.inputs.gdpRealGrowth.periods);
    const shown = await text(page, "#result-gdpReal-2035");
    expect(shown).toBe(gdp2035Text(cautious.scenario));
    expect(await page.evaluate(() => history.length)).toBe(entries + 1);

    const url = page.url();
    await page.reload();
    await page.waitForSelector("html[data-simulator=ready]");
    await everyPartLive(page);
    expect(page.url()).toBe(url);
    expect(await text(page, "#result-gdpReal-2035")).toBe(shown);
    expect(await page.inputValue("#preset-select")).toBe("cautious");
  });

  it("the preset menu names the preset only while the scenario is that preset: at load, after an edit, after choosing one, after a drag back", async () => {
    await open(page);
    const plan = presets.find((p) => p.scenario === defaultScenario)!;
    const shown = () => page.inputValue("#preset-select");
    const modified = () => page.locator(".preset-note").getAttribute("data-modified");
    expect(await shown()).toBe(plan.id);
    expect(await modified()).toBe("false");
    const start = plan.scenario.inputs.gdpRealGrowth.periods[0];
    await drag(page, "#in-gdpRealGrowth-0-range", [start - 0.5, start - 1]);
    await expect.poll(shown).toBe("");
    expect(await modified()).toBe("true");
    // The same numbers as the preset again (another object): the name comes back.
    await drag(page, "#in-gdpRealGrowth-0-range", [start - 0.5, start]);
    await expect.poll(shown).toBe(plan.id);
    expect(await modified()).toBe("false");
    await page.selectOption("#preset-select", "cautious");
    await expect.poll(shown).toBe("cautious");
    expect(await modified()).toBe("false");
  });

  it("a changed scenario offers its preset back in one tap, in the space the preset's description held; Back returns to the change", async () => {
    await open(page);
    const cautious = presets.find((p) => p.id === "cautious")!;
    await page.selectOption("#preset-select", "cautious");
    await expect.poll(() => page.inputValue("#preset-select")).toBe("cautious");
    const restore = page.getByRole("button", { name: `恢复为“${cautious.label.zh}”` });
    expect(await restore.isVisible()).toBe(false);
    const note = page.locator(".preset-note");
    const before = await note.boundingBox();
    const start = cautious.scenario.inputs.gdpRealGrowth.periods[0];
    await drag(page, "#in-gdpRealGrowth-0-range", [start + 0.5, start + 1]);
    await expect.poll(() => page.inputValue("#preset-select")).toBe("");
    const changed = await text(page, "#result-gdpReal-2035");
    expect((await note.boundingBox())!.height).toBe(before!.height);
    await restore.click();
    await expect.poll(() => page.inputValue("#preset-select")).toBe("cautious");
    expect(Number(await page.inputValue("#in-gdpRealGrowth-0-range"))).toBe(start);
    expect(await text(page, "#result-gdpReal-2035")).not.toBe(changed);
    expect(await restore.isVisible()).toBe(false);
    await page.goBack();
    await expect.poll(() => text(page, "#result-gdpReal-2035")).toBe(changed);
    expect(Number(await page.inputValue("#in-gdpRealGrowth-0-range"))).toBe(start + 1);
  });

  it("the GDP chart's head, drawn while its HTML is still arriving, is already where it stays, at any width", async () => {
    const moved: string[] = [];
    for (const width of [1600, 1280, 900, 768, 390, 360]) {
      const region = { from: '<figure class="chart" aria-labelledby="chart-gdp-title"', to: "</figcaption>" };
      const r = await movesWhileArriving(browser, { viewport: { width, height: 900 }, locale: "zh-CN" }, `${base}/simulate/`, region, '[data-chart="gdp"] .chart-head *');
      expect(r.drawn).toBeGreaterThanOrEqual(4);
      moved.push(...r.moved.map((m) => `${width}: ${m}`));
    }
    expect(moved).toEqual([]);
  });

  it("the key results and the first sliders, drawn while their HTML is still arriving, are already where they stay (desktop)", async () => {
    const moved: string[] = [];
    for (const width of [1280, 900]) {
      const options = { viewport: { width, height: 900 }, locale: "zh-CN" };
      // The milestone boxes (a grid that had stretched a first box over empty tracks)…
      const results = await movesWhileArriving(browser, options, `${base}/simulate/`, { from: '<dl class="milestones"', to: "</dl>" }, ".key-results .milestones *");
      // …and the first slider's row (its plan mark moved as the number field and the unit arrived).
      const slider = await movesWhileArriving(browser, options, `${base}/simulate/`, { from: 'id="in-gdpRealGrowth-0-range"', to: '<span class="unit"' }, "#in-gdpRealGrowth-0-range, #in-gdpRealGrowth-0-range ~ .plan-mark");
      expect(results.drawn).toBeGreaterThanOrEqual(8);
      expect(slider.drawn).toBe(2);
      moved.push(...[...results.moved, ...slider.moved].map((m) => `${width}: ${m}`));
    }
    expect(moved).toEqual([]);
  });

  it("the header's tools (preset menu, share, language), drawn while their HTML is still arriving, are already where they stay", async () => {
    const moved: string[] = [];
    for (const width of [1280, 900, 700, 390]) {
      const r = await movesWhileArriving(browser, { viewport: { width, height: 900 }, locale: "zh-CN" }, `${base}/simulate/`, { from: '<div class="sim-tools"', to: '<div class="preset-note"' }, ".sim-head, .sim-head *");
      expect(r.drawn).toBeGreaterThanOrEqual(6);
      moved.push(...r.moved.map((m) => `${width}: ${m}`));
    }
    expect(moved).toEqual([]);
  });

  it("a drag writes one history entry, not one per step; back and forward restore each state", async () => {
    await open(page);
    const entries = await page.evaluate(() => history.length);
    const start = await text(page, "#result-gdpReal-2035");
    await drag(page, "#in-gdpRealGrowth-0-range", [8.5, 8, 7.5, 7, 6.5, 6]);
    await expect.poll(() => scenarioFromUrl(page.url()).inputs.gdpRealGrowth.periods[0]).toBe(6);
    const afterDrag = await text(page, "#result-gdpReal-2035");
    await page.selectOption("#preset-select", "optimistic");
    await expect.poll(() => scenarioFromUrl(page.url()).basedOn).toBe("optimistic");
    const optimistic = await text(page, "#result-gdpReal-2035");
    // The drag and the preset: two new entries.
    expect(await page.evaluate(() => history.length)).toBe(entries + 2);

    await page.goBack();
    await expect.poll(() => text(page, "#result-gdpReal-2035")).toBe(afterDrag);
    expect(await page.inputValue("#in-gdpRealGrowth-0-number")).toBe("6");
    await page.goBack();
    await expect.poll(() => text(page, "#result-gdpReal-2035")).toBe(start);
    await page.goForward();
    await page.goForward();
    await expect.poll(() => text(page, "#result-gdpReal-2035")).toBe(optimistic);
  });

  it("a malformed ?s= shows a clear message and a working page with the plan scenario", async () => {
    await open(page, "?s=1.this-is-not-a-scenario");
    const notice = page.locator("#link-notice");
    await notice.waitFor();
    expect(await notice.getAttribute("role")).toBe("alert");
    expect(await notice.innerText()).toContain("链接中的情景无法读取");
    expect(await text(page, "#result-gdpReal-2035")).toBe(gdp2035Text(defaultScenario));
    // The page works: a slider still moves the result.
    await drag(page, "#in-gdpRealGrowth-1-range", [6]);
    await expect.poll(() => text(page, "#result-gdpReal-2035")).not.toBe(gdp2035Text(defaultScenario));
  });

  it("a link from a newer schema version says so and opens the plan scenario", async () => {
    await open(page, "?s=9.AAAA");
    expect(await page.locator("#link-notice").innerText()).toContain("不支持的版本");
    expect(await text(page, "#result-gdpReal-2035")).toBe(gdp2035Text(defaultScenario));
  });

  it("a link with one invalid field opens the nearest valid scenario and names the field", async () => {
    // Build a link the engine refuses (growth above its range) by encoding raw JSON the way the codec does.
    const { deflateSync, strToU8 } = await import("fflate");
    const raw = structuredClone(defaultScenario) as unknown as { inputs: { gdpRealGrowth: { periods: number[] } } };
    raw.inputs.gdpRealGrowth.periods = [6, 99, 6];
    const b64 = Buffer.from(deflateSync(strToU8(JSON.stringify(raw)))).toString("base64url");
    await open(page, `?s=1.${b64}`);
    const notice = await page.locator("#link-notice").innerText();
    expect(notice).toContain("inputs.gdpRealGrowth.periods.1");
    // Said in Chinese, with the field's name and the allowed range from the schema.
    expect(notice).toContain("地区生产总值实际增速（2026—2030年）");
    expect(notice).toContain("须在 -20% 到 30% 之间");
    expect(notice).not.toMatch(/must be/);
    // Only the bad field fell back to the plan's value; the good ones stayed.
    expect(await page.inputValue("#in-gdpRealGrowth-0-number")).toBe("6");
    expect(await page.inputValue("#in-gdpRealGrowth-1-number")).toBe(String(defaultScenario.inputs.gdpRealGrowth.periods[1]));
  });

  it("loads the migration of older scenario versions with a scenario from outside (a link), not with the page", async () => {
    const migrationChunks = watchChunksWith(page, "no migration from version");
    await open(page);
    await page.waitForTimeout(500);
    expect(await migrationChunks()).toEqual([]);
    // An edit is of the current version: validated without it (its write loads the codec, which has it).
    await drag(page, "#in-gdpRealGrowth-0-range", [8.5, 8]);
    expect(await page.inputValue("#in-gdpRealGrowth-0-number")).toBe("8");
    // A link read is validated as any scenario from outside, older versions migrated.
    const linked = await context.newPage();
    const linkedMigration = watchChunksWith(linked, "no migration from version");
    await open(linked, `?s=${encodeScenario(presets.find((p) => p.id === "cautious")!.scenario)}`);
    expect(await linkedMigration()).not.toEqual([]);
    await linked.close();
  });

  it("loads the share-link codec when a link is first written or read, not with the page", async () => {
    const codecChunks = watchCodecChunks(page);
    await open(page);
    await page.waitForTimeout(500);
    expect(await codecChunks()).toEqual([]);
    await page.selectOption("#preset-select", "cautious");
    await expect.poll(() => new URL(page.url()).searchParams.get("s")).not.toBeNull();
    expect(scenarioFromUrl(page.url()).basedOn).toBe("cautious");
    expect(await codecChunks()).not.toEqual([]);

    // A link that carries a scenario loads it to read the link.
    const linked = await context.newPage();
    const linkedCodecChunks = watchCodecChunks(linked);
    const cautious = presets.find((p) => p.id === "cautious")!.scenario;
    await open(linked, `?s=${encodeScenario(cautious)}`);
    expect(await linked.inputValue("#preset-select")).toBe("cautious");
    expect(await linkedCodecChunks()).not.toEqual([]);
    await linked.close();
  });

  it("a formula with an error shows it inline at its position and keeps the last chart", async () => {
    const scripts: string[] = [];
    page.on("request", (r) => {
      if (r.resourceType() === "script") scripts.push(new URL(r.url()).pathname);
    });
    await open(page);
    const before = await text(page, "#result-gdpReal-2035");
    await expect.poll(() => chartDatasets(page, "gdp")).not.toEqual([]);
    const chartBefore = await page.locator('[data-chart="gdp"] canvas').evaluate((c) => (c as HTMLCanvasElement).toDataURL());
    expect(scripts.some((s) => /compile/.test(s))).toBe(false);

    await page.click('[data-group="gdp"] .advanced summary >> nth=0');
    await page.fill("#formula-gdpRealGrowth", "9 - 0.4 * (t - 2021");
    await page.click('#formula-gdpRealGrowth ~ button[type="submit"]');
    const error = page.locator("#formula-gdpRealGrowth-error");
    await error.waitFor();
    expect(await error.getAttribute("role")).toBe("alert");
    // The parser was fetched on first use.
    expect(scripts.some((s) => /compile/.test(s))).toBe(true);
    // The error is marked where the compiler places it (the missing ")" at the end).
    const { compileFormula } = await import("../../src/lib/formula/compile");
    const compiled = compileFormula("9 - 0.4 * (t - 2021");
    if (compiled.ok) throw new Error("the test formula should not compile");
    expect(Number(await error.getAttribute("data-position"))).toBe(compiled.error.position);
    expect(compiled.error.position).toBeGreaterThanOrEqual(10);
    expect(await error.innerText()).toContain(`第${compiled.error.position + 1}个字符处出错`);
    // The compiler's reason, in Chinese (its English message is for logs and the API).
    expect(compiled.error.detail.code).toBe("paren-expected");
    expect(await error.innerText()).toContain("缺少右括号");
    expect(await error.innerText()).not.toContain(compiled.error.message);
    expect(await error.innerText()).toContain("图表仍显示上一个有效情景");
    expect(await text(page, "#result-gdpReal-2035")).toBe(before);
    // The chart did not change: same pixels as before the bad formula.
    expect(await page.locator('[data-chart="gdp"] canvas').evaluate((c) => (c as HTMLCanvasElement).toDataURL())).toBe(chartBefore);

    // Fixing it applies the formula.
    await page.fill("#formula-gdpRealGrowth", "9 - 0.4 * (t - 2021)");
    await page.click('#formula-gdpRealGrowth ~ button[type="submit"]');
    await expect.poll(() => text(page, "#result-gdpReal-2035")).not.toBe(before);
    await expect(page.locator("#formula-gdpRealGrowth-error").count()).resolves.toBe(0);
    // The address follows once the edit has rested (up to 200 ms, and the link codec's first load).
    await expect.poll(() => scenarioFromUrl(page.url()).inputs.gdpRealGrowth.formula).toBe("9 - 0.4 * (t - 2021)");
  });

  it("compare pins two scenarios; both lines are drawn and the table shows their differences", async () => {
    await open(page);
    await pinPlanAndCautious(page, "谨慎");
    await drag(page, "#in-gdpRealGrowth-2-range", [3]);

    const legend = await drawnSeries(page, "gdp");
    expect(legend).toEqual(expect.arrayContaining(["当前", "规划", "谨慎"]));
    // The pinned lines are on the canvas: chart.js holds the three line datasets with data.
    // (A chart off screen is redrawn when it comes into view: look at it, as a reader would.)
    await page.locator('[data-chart="gdp"]').scrollIntoViewIfNeeded();
    await expect.poll(() => chartDatasets(page, "gdp")).toEqual(expect.arrayContaining(["当前", "规划", "谨慎"]));

    const table = page.locator("#compare-table");
    expect(await table.locator("thead th").allInnerTexts()).toEqual(["", "当前", "规划", "谨慎"]);
    expect(await table.innerText()).toContain("%）");
    // Pins live in the URL and survive a reload.
    const pins = new URL(page.url()).searchParams.getAll("p");
    expect(pins.map((p) => p.split("~")[0])).toEqual(["规划", "谨慎"]);
    await page.reload();
    await page.waitForSelector("html[data-simulator=ready]");
    await everyPartLive(page);
    expect(await page.locator("#compare-table thead th").allInnerTexts()).toEqual(["", "当前", "规划", "谨慎"]);
  });

  it("the GDP chart's price toggle switches its chart and the key result to current prices, and the link keeps it", async () => {
    await open(page);
    const constantTitle = await page.locator('[data-chart="gdp"] .chart-head').innerText();
    expect(constantTitle).toContain("2020年不变价");
    await page.check('[data-chart="gdp"] input[name="prices"][value="current"]');
    await expect.poll(() => page.locator('[data-chart="gdp"] .chart-head').innerText()).toContain("当年价");
    // The key result follows: GDP at current prices.
    await expect.poll(() => page.locator("#result-gdpNominal-2035").count()).toBe(1);
    await expect.poll(() => new URL(page.url()).searchParams.get("s")).not.toBeNull();
    expect(scenarioFromUrl(page.url()).view.prices).toBe("current");
  });

  it("the CSV download has a BOM, the right header, and the 2025 value shown on the page", async () => {
    await open(page);
    await drag(page, "#in-gdpRealGrowth-0-range", [7]);
    const shown = await text(page, "#result-gdpReal-2025");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export-csv")]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const bytes = await readFile((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString("utf8").slice(1).split("\r\n");
    const header = lines[0]!.split(",");
    expect(header[0]).toBe("年份");
    const col = header.indexOf("地区生产总值（亿元，2020年不变价）");
    expect(col).toBeGreaterThan(0);
    expect(header).toContain("地区生产总值（亿元，当年价）");
    const row2025 = lines.find((l) => l.startsWith("2025,"))!.split(",");
    // "1,234.5亿元" on the page → 1234.5 in the file.
    expect(row2025[col]).toBe(shown.replace(/[,亿元]/g, ""));
  });

  it("a link with a formula that does not compile says why in the interface's language", async () => {
    const s = structuredClone(defaultScenario);
    s.inputs.cpi.formula = "yr * 2";
    await open(page, `?s=${encodeScenario(s)}`);
    const notice = page.locator("#link-notice");
    expect(await notice.innerText()).toContain("居民消费价格涨幅的公式：未知的名称“yr”");
    // The notice follows a switch of language.
    await page.click("#lang-button");
    await expect.poll(() => notice.innerText()).toContain("Consumer price inflation: formula: unknown name “yr”");
  });

  it("switches to English and keeps the language in the URL", async () => {
    await open(page);
    await page.click("#lang-button");
    await expect.poll(() => page.locator("h1").innerText()).toBe("Scenario simulator");
    // Written once the link codec has loaded, after the page has switched.
    await expect.poll(() => scenarioFromUrl(page.url()).view.lang).toBe("en");
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
    expect(await text(page, "#result-gdpReal-2035")).toMatch(/billion yuan$/);
    await page.reload();
    await page.waitForSelector("html[data-simulator=ready]");
    await everyPartLive(page);
    expect(await page.locator("h1").innerText()).toBe("Scenario simulator");
  });

  it("a link from the reader opens the simulator on its preset, scrolled to its chart", async () => {
    await page.goto(`${base}/plan/twin-cores/`);
    await page.locator('.sim-links a[data-chart="population"]').click();
    await page.waitForSelector("html[data-simulator=ready]");
    expect(new URL(page.url()).pathname).toBe("/simulate/");
    expect(await page.inputValue("#preset-select")).toBe("plan");
    expect(scenarioFromUrl(page.url()).view.chart).toBe("population");
    // The population chart is on screen; the page did not stay at the top.
    const box = await page.locator('[data-chart="population"]').evaluate((e) => {
      const r = e.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, innerHeight: window.innerHeight, scrollY: window.scrollY };
    });
    expect(box.scrollY).toBeGreaterThan(0);
    expect(box.top).toBeGreaterThanOrEqual(-1);
    expect(box.top).toBeLessThan(box.innerHeight / 2);

    await page.goto(`${base}/indicators/`);
    await page.locator("#thirteenth-plan-gdp a.sim-link").click();
    await page.waitForSelector("html[data-simulator=ready]");
    expect(await page.inputValue("#preset-select")).toBe("trend-13th");
    const trend = presets.find((p) => p.id === "trend-13th")!.scenario;
    expect(await text(page, "#result-gdpReal-2035")).toBe(gdp2035Text(trend));
  });

  it("opens the scenario of a share page's <meta name=scenario> before ?s=", async () => {
    const cautious = presets.find((p) => p.id === "cautious")!.scenario;
    const html = (await (await fetch(`${base}/simulate/`)).text()).replace("<head>", `<head><meta name="scenario" content="${encodeScenario(cautious)}">`);
    await page.route(/\/s\/test-meta\//, (r) => r.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }));
    await page.goto(`${base}/s/test-meta/?s=${encodeScenario(defaultScenario)}`);
    await page.waitForSelector("html[data-simulator=ready]");
    expect(await text(page, "#result-gdpReal-2035")).toBe(gdp2035Text(cautious));
  });

  it("runs Monte Carlo in a worker and shows target probabilities when uncertainty is on", async () => {
    const workers: string[] = [];
    page.on("worker", (w) => workers.push(w.url()));
    await open(page);
    await page.check("#uncertainty-toggle");
    await expect.poll(() => page.locator("table.targets thead th").allInnerTexts()).toContain("达到的概率");
    // Probabilities arrive from the worker: the last column fills with percentages.
    const probabilityCells = () => page.locator("table.targets tbody tr td:last-child").allInnerTexts();
    await expect.poll(async () => (await probabilityCells()).filter((x) => /%$/.test(x)).length, { timeout: 20_000 }).toBeGreaterThan(0);
    expect(workers.some((u) => /monte-carlo/.test(u))).toBe(true);
    // The switch lives in the scenario (so short links keep it), not in a separate parameter.
    // The address is written once the link codec has loaded, which the worker's answer may precede.
    await expect.poll(() => scenarioFromUrl(page.url()).view.uncertainty).toBe(true);
    expect(new URL(page.url()).searchParams.get("u")).toBeNull();
    expect(await drawnSeries(page, "gdp")).toEqual(expect.arrayContaining(["5%–95% 区间"]));
  });

  it("uncertainty on survives a reload, and switching it off drops it from the link", async () => {
    await open(page);
    await page.check("#uncertainty-toggle");
    await expect.poll(() => scenarioFromUrl(page.url()).view.uncertainty).toBe(true);
    await page.reload();
    await page.waitForSelector("html[data-simulator=ready]");
    await everyPartLive(page);
    expect(await page.isChecked("#uncertainty-toggle")).toBe(true);
    await expect.poll(() => drawnSeries(page, "gdp"), { timeout: 20_000 }).toEqual(expect.arrayContaining(["5%–95% 区间"]));
    await page.uncheck("#uncertainty-toggle");
    // Back to the plan scenario with every default: no parameters at all.
    await expect.poll(() => new URL(page.url()).search).toBe("");
    await page.reload();
    await page.waitForSelector("html[data-simulator=ready]");
    await everyPartLive(page);
    expect(await page.isChecked("#uncertainty-toggle")).toBe(false);
  });

  it("an old link with ?u=1 opens with uncertainty on, and the address moves it into the scenario", async () => {
    const cautious = presets.find((p) => p.id === "cautious")!.scenario;
    await open(page);
    await open(page, `?s=${encodeScenario(cautious)}&u=1`);
    expect(await page.isChecked("#uncertainty-toggle")).toBe(true);
    await expect.poll(() => drawnSeries(page, "gdp"), { timeout: 20_000 }).toEqual(expect.arrayContaining(["5%–95% 区间"]));
    const url = new URL(page.url());
    expect(url.searchParams.get("u")).toBeNull();
    expect(scenarioFromUrl(page.url())).toEqual({ ...cautious, view: { ...cautious.view, uncertainty: true } });
    // Replaced, not pushed: Back leads to the page before, not to the ?u=1 address.
    await page.goBack();
    await expect.poll(() => new URL(page.url()).search).toBe("");
    // And the plan scenario with only ?u=1.
    await open(page, "?u=1");
    expect(await page.isChecked("#uncertainty-toggle")).toBe(true);
    expect(new URL(page.url()).searchParams.get("u")).toBeNull();
    expect(scenarioFromUrl(page.url()).view.uncertainty).toBe(true);
  });

  it("goal seek answers and applies only on request", async () => {
    await open(page);
    const before = await text(page, "#result-gdpReal-2035");
    await page.click("#goal-seek-panel > summary");
    await page.fill("#goal-target", "1000");
    await page.selectOption("#goal-year", "2035");
    await page.click("#goal-solve");
    const answer = page.locator("#goal-answer");
    await answer.waitFor();
    const rate = Number(/([\d.]+)%/.exec(await answer.innerText())![1]);
    // 352.5 → 1000 in 15 years needs about 7.2% a year.
    const expected = (Math.pow(1000 / projectionOf(defaultScenario).gdpReal[0]!, 1 / 15) - 1) * 100;
    expect(rate).toBeGreaterThanOrEqual(expected - 1e-9);
    expect(rate).toBeLessThan(expected + 0.01);
    expect(await text(page, "#result-gdpReal-2035")).toBe(before);
    await page.click("#goal-apply");
    await expect.poll(() => text(page, "#result-gdpReal-2035")).not.toBe(before);
  });

  it("has no serious or critical axe violations, in Chinese and in English", async () => {
    await open(page);
    const zh = await new AxeBuilder({ page }).analyze();
    expect(zh.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
    await page.click("#lang-button");
    await page.check("#uncertainty-toggle");
    await page.waitForTimeout(300);
    const en = await new AxeBuilder({ page }).analyze();
    expect(en.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
  });

  it("dark mode: chart cards, axes and lines follow the colour tokens, also when the scheme changes; axe finds nothing serious", async () => {
    const dark = await context.browser()!.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN", colorScheme: "dark", reducedMotion: "reduce" });
    try {
      const p = await dark.newPage();
      await open(p);
      await p.check("#uncertainty-toggle");
      // Bring every chart near the viewport so that chart.js draws them all.
      for (const id of ["gdp", "gdpPerCapita", "income", "population"]) await p.locator(`[data-chart="${id}"]`).scrollIntoViewIfNeeded();
      await expect.poll(() => chartDatasets(p, "population")).not.toEqual([]);

      /** Relative luminance (WCAG) of a CSS colour, as the browser resolves it. */
      const luminance = (colour: string) =>
        p.evaluate((c) => {
          const el = document.createElement("span");
          el.style.color = c;
          document.body.append(el);
          const [r, g, b] = getComputedStyle(el).color.match(/[\d.]+/g)!.slice(0, 3).map(Number).map((x) => {
            const v = x / 255;
            return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
          }) as [number, number, number];
          el.remove();
          return 0.2126 * r + 0.7152 * g + 0.0722 * b;
        }, colour);
      const drawnIn = (id: string) =>
        p.locator(`[data-chart="${id}"] canvas`).evaluate((c) => {
          type Ch = { options: { scales: { y: { ticks: { color: string }; grid: { color: string } } } }; data: { datasets: { borderColor: string }[] } };
          const chart = (globalThis as unknown as { __simGetChart: (c: HTMLCanvasElement) => Ch }).__simGetChart(c as HTMLCanvasElement);
          return { tick: chart.options.scales.y.ticks.color, line: chart.data.datasets[0]!.borderColor };
        });
      const card = await p.locator('[data-chart="gdp"]').evaluate((e) => ({ bg: getComputedStyle(e).backgroundColor, text: getComputedStyle(e).color }));
      // A dark card with light text, not the white card of the light scheme.
      expect(await luminance(card.bg)).toBeLessThan(0.05);
      expect(await luminance(card.text)).toBeGreaterThan(0.6);
      const darkColours = await drawnIn("gdp");
      // Tick labels and the scenario line are light on the dark card (at least 4.5:1 and 3:1).
      const bgL = await luminance(card.bg);
      const ratio = async (c: string) => ((await luminance(c)) + 0.05) / (bgL + 0.05);
      expect(await ratio(darkColours.tick)).toBeGreaterThanOrEqual(4.5);
      expect(await ratio(darkColours.line)).toBeGreaterThanOrEqual(3);

      const { violations } = await new AxeBuilder({ page: p }).analyze();
      expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join("; ")}`)).toEqual([]);

      // Switching the system to light redraws the canvases in the light tokens.
      await p.emulateMedia({ colorScheme: "light" });
      await expect.poll(async () => (await drawnIn("gdp")).tick).not.toBe(darkColours.tick);
      const light = await drawnIn("population");
      expect(await luminance(light.tick)).toBeLessThan(0.2);
      expect(await luminance(light.line)).toBeLessThan(0.2);
    } finally {
      await dark.close();
    }
  });

  it("works at 360 px: no sideways scrolling, controls below the charts", async () => {
    const phone = await context.browser()!.newContext({ viewport: { width: 360, height: 780 }, locale: "zh-CN" });
    const p = await phone.newPage();
    await open(p);
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const chartsBottom = await p.locator(".charts").evaluate((e) => e.getBoundingClientRect().bottom);
    const controlsTop = await p.locator(".controls").evaluate((e) => e.getBoundingClientRect().top);
    expect(controlsTop).toBeGreaterThan(chartsBottom);
    await phone.close();
  });
});

describe("scenario fixtures used above", () => {
  it("the presets validate (so the tests compare like with like)", () => {
    for (const p of presets) expect(validateScenario(p.scenario).ok).toBe(true);
  });
});
