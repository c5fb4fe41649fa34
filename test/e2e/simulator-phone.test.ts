// /simulate/ on phones (390×844 and 360×740, WeChat's user agent): a slider's effect is on
// screen while it moves, the history stays short, tables never split a number, goal seek's
// answer leaves sliders that work, the English interface is English all round, and year
// ranges and labels' asides keep to one line.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchChromium } from "../helpers/browser";
import { drag, openSimulator, pinPlanAndCautious, scenarioFromUrl, text, WECHAT_UA } from "../helpers/simulator-page";
import { movesWhileArriving } from "../helpers/partial-html";
import { shortLastLines } from "../helpers/last-lines";
import { defaultScenario, presets, type Scenario } from "../../src/lib/scenario";
import { project } from "../../src/lib/model";

const base = inject("baseUrl");
const open = (page: Page, search = "") => openSimulator(page, base, search);

function gdpReal(s: Scenario): readonly number[] {
  const r = project(s);
  if (!r.ok) throw new Error("does not project");
  return r.projection.gdpReal;
}

const yiNumber = (v: number) => new Intl.NumberFormat("zh-CN", { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v);
const yi = (v: number) => `${yiNumber(v)}亿元`;

/** Where an element is, and whether it lies wholly inside the viewport. */
function placement(page: Page, selector: string) {
  return page.locator(selector).evaluate((e) => {
    const r = e.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, inside: r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth && r.height > 0 };
  });
}

/**
 * Cells (of `selector`'s tables) in which a number, a year or a Latin word is laid out over
 * more than one line, found with Range.getClientRects() on each token.
 */
function splitTokens(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((selector) => {
    const bad: string[] = [];
    for (const cell of document.querySelectorAll<HTMLElement>(`${selector} th, ${selector} td`)) {
      if (!cell.getClientRects().length) continue;
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const value = node.nodeValue ?? "";
        for (const m of value.matchAll(/[+\-−]?\d[\d,.]*%?|[A-Za-z]+(?:-[A-Za-z]+)*/g)) {
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          if (tops.size > 1) bad.push(`${m[0]} in “${cell.textContent?.trim().slice(0, 40)}”`);
        }
      }
    }
    return bad;
  }, selector);
}

for (const viewport of [
  { width: 390, height: 844 },
  { width: 360, height: 740 },
]) {
  describe(`simulator on a ${viewport.width}×${viewport.height} phone`, () => {
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;

    beforeAll(async () => {
      browser = await launchChromium();
      context = await browser.newContext({ viewport, userAgent: WECHAT_UA, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: "zh-CN" });
    });
    afterAll(async () => {
      await browser?.close();
    });

    it("moving the first GDP slider: the changed 2025/2035 figures, the GDP chart and the slider are on screen together, and nothing shifts", async () => {
      page = await context.newPage();
      await open(page);
      await page.locator("#in-gdpRealGrowth-0-range").evaluate((e) => e.scrollIntoView({ block: "center" }));
      await page.waitForFunction(() => {
        const c = document.querySelector<HTMLCanvasElement>(".dock canvas");
        const get = (globalThis as unknown as { __simGetChart?: (c: HTMLCanvasElement) => unknown }).__simGetChart;
        return !!c && !!get?.(c);
      });
      const before = { y2025: await text(page, "[data-dock-value='2025']"), y2035: await text(page, "[data-dock-value='2035']") };
      expect(before.y2035).toBe(yiNumber(gdpReal(defaultScenario)[15]!));
      // The dock shows bare numbers; its label carries the unit and the price basis.
      expect(await text(page, ".dock-label")).toBe("地区生产总值（亿元，2020年不变价）");
      await page.evaluate(() => {
        (window as unknown as { __shifts: number[] }).__shifts = [];
        new PerformanceObserver((l) => l.getEntries().forEach((e) => (window as unknown as { __shifts: number[] }).__shifts.push((e as unknown as { value: number }).value))).observe({ type: "layout-shift" });
      });
      await drag(page, "#in-gdpRealGrowth-0-range", [8.5, 8, 7.5, 7, 6.5, 6, 5.5, 5]);
      const expected = structuredClone(defaultScenario);
      expected.inputs.gdpRealGrowth.periods[0] = 5;
      const values = gdpReal(expected);
      // The figures the slider moved, as the results section says them, are in the dock.
      await expect.poll(() => text(page, "[data-dock-value='2035']")).toBe(yiNumber(values[15]!));
      expect(await text(page, "[data-dock-value='2025']")).toBe(yiNumber(values[5]!));
      expect(await text(page, "[data-dock-value='2025']")).not.toBe(before.y2025);
      // The results section, off screen, catches up in a task after the drag's end.
      await expect.poll(() => text(page, "#result-gdpReal-2035")).toBe(yi(values[15]!));
      expect(await page.getAttribute(".dock", "data-dock")).toBe("gdp");
      // The dock's chart draws the moved GDP path (read from chart.js).
      const drawn = await page.locator(".dock canvas").evaluate((c) => {
        const get = (globalThis as unknown as { __simGetChart: (c: HTMLCanvasElement) => { data: { datasets: { data: (number | null)[] }[] } } }).__simGetChart;
        return get(c as HTMLCanvasElement).data.datasets[0]!.data;
      });
      expect(drawn[15]).toBeCloseTo(values[15]!, 6);
      // All three on screen, the slider not under the dock.
      const figures = await placement(page, ".dock-figures");
      const chart = await placement(page, ".dock canvas");
      const slider = await placement(page, "#in-gdpRealGrowth-0-range");
      expect(figures.inside).toBe(true);
      expect(chart.inside).toBe(true);
      expect(slider.inside).toBe(true);
      expect(slider.top).toBeGreaterThanOrEqual(chart.bottom);
      await page.waitForTimeout(300);
      expect(await page.evaluate(() => (window as unknown as { __shifts: number[] }).__shifts)).toEqual([]);
      // Moving on to a population control brings its chart into the dock.
      await page.locator("#set-population-target-range").evaluate((e) => e.scrollIntoView({ block: "center" }));
      await page.locator("#set-population-target-range").focus();
      await expect.poll(() => page.getAttribute(".dock", "data-dock")).toBe("population");
      await page.close();
    });

    it("the preset menu and its buttons, drawn while the page's HTML is still arriving, are already where they stay", async () => {
      const options = { viewport, userAgent: WECHAT_UA, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: "zh-CN" };
      const r = await movesWhileArriving(browser, options, `${base}/simulate/`, { from: '<div class="sim-tools', to: '<div class="preset-note' }, ".sim-tools *");
      expect(r.drawn).toBeGreaterThanOrEqual(4);
      expect(r.moved).toEqual([]);
    });

    it("during a drag of the first GDP slider, the targets table just above the screen waits, and catches up when the drag ends", async () => {
      page = await context.newPage();
      await open(page);
      await page.locator("#in-gdpRealGrowth-0-range").evaluate((e) => e.scrollIntoView({ block: "center" }));
      // The table's last rows a few dozen pixels above the top, where the dock is pinned.
      await page.evaluate(() => window.scrollBy(0, document.querySelector(".targets-section")!.getBoundingClientRect().bottom + 40));
      await page.waitForTimeout(300);
      const place = await placement(page, ".targets-section");
      expect(place.bottom).toBeLessThan(0);
      expect(place.bottom).toBeGreaterThan(-100);
      const table = async () => (await text(page, "table.targets tbody")).trim();
      const before = await table();
      const dockBefore = await text(page, "[data-dock-value='2035']");
      // Steps of one gesture, each in its own frame; the table is read before the gesture ends.
      const during = await page.locator("#in-gdpRealGrowth-0-range").evaluate(async (el) => {
        const input = el as HTMLInputElement;
        for (const v of [8, 7, 6, 5]) {
          input.value = String(v);
          input.dispatchEvent(new Event("input", { bubbles: true }));
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        }
        const tbody = document.querySelector<HTMLElement>("table.targets tbody")!;
        return { table: tbody.innerText, dock: document.querySelector<HTMLElement>("[data-dock-value='2035']")!.innerText };
      });
      // The drag is in force where the reader looks (the dock), not in the table nobody sees.
      expect(during.dock.trim()).not.toBe(dockBefore);
      expect(during.table.trim()).toBe(before);
      await page.locator("#in-gdpRealGrowth-0-range").dispatchEvent("change");
      await expect.poll(table).not.toBe(before);
      // The “十四五” growth target's row now says what the slider set: 5% a year.
      expect(await table()).toMatch(/地区生产总值年均增速[^\n]*\n[^\n]*\n5\.0%/);
      await page.close();
    });

    it("a drag, typed values and arrow keys add at most one history entry; Back leaves in two presses", async () => {
      page = await context.newPage();
      await page.goto(`${base}/about/`);
      await open(page);
      const entries = await page.evaluate(() => history.length);
      await drag(page, "#in-gdpRealGrowth-0-range", [8, 7, 6]);
      await page.fill("#in-gdpRealGrowth-1-number", "7.5");
      await page.locator("#in-gdpRealGrowth-1-number").press("Tab");
      await page.locator("#in-cpi-0-range").focus();
      for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowRight");
      await page.check("#uncertainty-toggle");
      await expect.poll(() => scenarioFromUrl(page.url()).view.uncertainty).toBe(true);
      const s = scenarioFromUrl(page.url());
      expect(s.inputs.gdpRealGrowth.periods.slice(0, 2)).toEqual([6, 7.5]);
      expect(await page.evaluate(() => history.length)).toBeLessThanOrEqual(entries + 1);
      await page.goBack();
      await page.waitForLoadState();
      if (new URL(page.url()).pathname === "/simulate/") await page.goBack();
      await expect.poll(() => new URL(page.url()).pathname).toBe("/about/");
      await page.close();
    });

    it("Back and Forward between two presets restore each exactly", async () => {
      page = await context.newPage();
      await open(page);
      const cautious = presets.find((p) => p.id === "cautious")!.scenario;
      const optimistic = presets.find((p) => p.id === "optimistic")!.scenario;
      await page.selectOption("#preset-select", "cautious");
      await expect.poll(() => scenarioFromUrl(page.url()).basedOn).toBe("cautious");
      await page.selectOption("#preset-select", "optimistic");
      await expect.poll(() => scenarioFromUrl(page.url()).basedOn).toBe("optimistic");
      await page.goBack();
      await expect.poll(() => page.inputValue("#preset-select")).toBe("cautious");
      expect(scenarioFromUrl(page.url())).toEqual({ ...cautious, view: scenarioFromUrl(page.url()).view });
      expect(await text(page, "#result-gdpReal-2035")).toBe(yi(gdpReal(cautious)[15]!));
      await page.goForward();
      await expect.poll(() => page.inputValue("#preset-select")).toBe("optimistic");
      expect(await text(page, "#result-gdpReal-2035")).toBe(yi(gdpReal(optimistic)[15]!));
      await page.close();
    });

    it("no table cell on /simulate/ splits a number, a year or a word across lines, in either language", async () => {
      page = await context.newPage();
      await open(page);
      // Every table: targets (with probabilities), a chart's data table, the compare table, per-year values.
      await page.check("#uncertainty-toggle");
      await page.click("#compare-panel > summary");
      await page.fill("#pin-name", "规划");
      await page.click("#pin-button");
      await page.selectOption("#preset-select", "cautious");
      for (const id of ["gdp", "population"]) await page.click(`[data-chart="${id}"] .chart-table summary`);
      await page.click('[data-group="gdp"] .advanced summary >> nth=0');
      await page.waitForSelector("#compare-table");
      await page.waitForSelector(".year-table");
      await expect.poll(async () => (await page.locator("table.targets td").allInnerTexts()).some((x) => /%$/.test(x)), { timeout: 20_000 }).toBe(true);
      await page.click("#sensitivity-panel > summary");
      await page.waitForSelector("table.tornado");
      expect(await page.locator(".simulator table").count()).toBeGreaterThanOrEqual(6);
      expect(await splitTokens(page, ".simulator table")).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      await page.click("#lang-button");
      // Every open table is rewritten in English: give a loaded machine time.
      await expect.poll(() => text(page, "h1"), { timeout: 15_000 }).toBe("Scenario simulator");
      expect(await splitTokens(page, ".simulator table")).toEqual([]);
      await page.close();
    });

    it("the sensitivity bars fit the phone: each row's name, low end, bars and high end in view without a sideways scroll, the zero lines one above the other", async () => {
      page = await context.newPage();
      await open(page);
      await page.click("#sensitivity-panel > summary");
      await page.waitForSelector("table.tornado tbody tr");
      for (const lang of ["zh", "en"]) {
        if (lang === "en") {
          await page.click("#lang-button");
          await expect.poll(() => text(page, "table.tornado thead th >> nth=1"), { timeout: 15_000 }).toBe("low");
        }
        const rows = await page.locator("table.tornado").evaluate((table) => {
          const box = table.closest(".table-scroll")!;
          const edge = box.getBoundingClientRect();
          return {
            scrolls: box.scrollWidth > box.clientWidth,
            rows: [...table.querySelectorAll("tbody tr")].map((tr) => {
              const cells = [...tr.children].map((c) => c.getBoundingClientRect());
              const bar = tr.querySelector(".bar-cell")!.getBoundingClientRect();
              return {
                inside: cells.every((r) => r.left >= edge.left - 0.5 && r.right <= edge.right + 0.5 && r.width > 0),
                zero: Math.round(bar.left + bar.width / 2),
                // Low end, bars, high end side by side, under the name.
                inLine: cells[1]!.right <= cells[2]!.left && cells[2]!.right <= cells[3]!.left && cells[0]!.bottom <= cells[2]!.top,
              };
            }),
          };
        });
        expect(rows.scrolls, lang).toBe(false);
        expect(rows.rows.length).toBeGreaterThanOrEqual(6);
        expect(rows.rows.filter((r) => !r.inside || !r.inLine), lang).toEqual([]);
        expect(new Set(rows.rows.map((r) => r.zero)).size, lang).toBe(1);
        expect(await splitTokens(page, "table.tornado")).toEqual([]);
      }
      await page.close();
    });

    it("the comparison reads as cards: no sideways scroll, each value on its scenario's line, its difference under it", async () => {
      page = await context.newPage();
      await open(page);
      await pinPlanAndCautious(page, "谨慎情景");
      await page.waitForSelector("#compare-table");
      const cards = await page.locator("#compare-table").evaluate((table) => {
        const box = table.closest(".table-scroll")!;
        return {
          scrolls: box.scrollWidth > box.clientWidth,
          rows: [...table.querySelectorAll("tbody tr")].map((tr) =>
            [...tr.querySelectorAll("td")].map((td) => {
              const name = getComputedStyle(td, "::before").content;
              const r = td.getBoundingClientRect();
              const diff = td.querySelector(".diff")?.getBoundingClientRect();
              // The value is the cell's first text; its line is the cell's first line.
              const range = document.createRange();
              range.selectNodeContents(td.firstChild!);
              const value = range.getBoundingClientRect();
              const edge = box.getBoundingClientRect();
              return { name, right: Math.abs(value.right - r.right) < 2, top: Math.abs(value.top - r.top) < 2, under: diff ? diff.top >= value.bottom - 1 : true, inside: r.left >= edge.left && r.right <= edge.right + 0.5 };
            }),
          ),
        };
      });
      expect(cards.scrolls).toBe(false);
      expect(cards.rows.length).toBe(10);
      for (const cells of cards.rows) {
        expect(cells.map((c) => c.name)).toEqual(['"当前"', '"规划"', '"谨慎情景"']);
        expect(cells.filter((c) => !c.right || !c.top || !c.under || !c.inside)).toEqual([]);
      }
      expect(await splitTokens(page, "#compare-table")).toEqual([]);
      await page.close();
    });

    it("a target's price note reads as a sentence under its card, from the card's start and with no column edge beside it", async () => {
      page = await context.newPage();
      await open(page);
      // The plan's scenario has one such note (per-capita GDP against the national average in 2035).
      await page.evaluate(() => document.querySelector(".targets-section")!.scrollIntoView());
      const note = page.locator("td.price-flip").first();
      await note.waitFor();
      const box = await note.evaluate((td) => {
        const range = document.createRange();
        range.selectNodeContents(td);
        const first = range.getClientRects()[0]!;
        const cell = td.getBoundingClientRect();
        const row = td.closest("tr")!.getBoundingClientRect();
        return { textLeft: first.left, cellLeft: cell.left, rowLeft: row.left, shadow: getComputedStyle(td).boxShadow };
      });
      expect(box.shadow).toBe("none");
      expect(box.textLeft - box.cellLeft).toBeLessThan(2);
      // Under the card's own words, not indented past them.
      const heading = await page.locator("table.targets th[scope=row]").first().evaluate((th) => th.getBoundingClientRect().left);
      expect(Math.abs(box.cellLeft - heading)).toBeLessThan(2);
      await page.close();
    });

    it("each target card names its year once, also where the plan's words begin with it", async () => {
      page = await context.newPage();
      await open(page);
      await page.evaluate(() => document.querySelector(".targets-section")!.scrollIntoView());
      const headings = await page.locator("table.targets th[scope=row]").allInnerTexts();
      expect(headings.length).toBeGreaterThan(3);
      for (const h of headings) expect(h).not.toMatch(/^(\d{4})\s*\1/);
      // 专栏2's "2025 年居民人均可支配收入达到或高出全国平均水平": its words, year first.
      expect(headings.some((h) => /^2025 ?年居民人均可支配收入/.test(h))).toBe(true);
      await page.close();
    });

    it("after goal seek's answer is applied, the sliders show it and moving one changes the results", async () => {
      page = await context.newPage();
      await open(page);
      await page.click("#goal-seek-panel > summary");
      await page.fill("#goal-target", "1000");
      await page.selectOption("#goal-year", "2035");
      await page.click("#goal-solve");
      await page.locator("#goal-answer").waitFor();
      const rate = /([\d.]+)%/.exec(await text(page, "#goal-answer"))![1]!;
      await page.click("#goal-apply");
      await expect.poll(() => page.inputValue("#in-gdpRealGrowth-2-number")).toBe(String(Number(rate)));
      expect(await page.isDisabled("#in-gdpRealGrowth-2-range")).toBe(false);
      // Where the answer was, what was applied, and the way to the chart it moved (focused, as the
      // button pressed is gone); the results are screens away on a phone.
      expect(await text(page, "#goal-applied")).toContain(`逐年设为${rate}%`);
      const show = page.getByRole("button", { name: "查看图表" });
      expect(await show.evaluate((b) => b === document.activeElement)).toBe(true);
      expect((await placement(page, '[data-chart="gdp"] canvas')).inside).toBe(false);
      await show.click();
      await expect.poll(async () => (await placement(page, '[data-chart="gdp"] canvas')).inside).toBe(true);
      // The sentence is the interface's: it follows a change of language.
      await page.click("#lang-button");
      await expect.poll(() => text(page, "#goal-applied"), { timeout: 15_000 }).toContain(`set to ${rate}% for each year 2021–2035`);
      await page.click("#lang-button");
      await expect.poll(() => text(page, "#goal-applied"), { timeout: 15_000 }).toContain(`逐年设为${rate}%`);
      const applied = await text(page, "#result-gdpReal-2035");
      await drag(page, "#in-gdpRealGrowth-2-range", [4]);
      await expect.poll(() => text(page, "#result-gdpReal-2035")).not.toBe(applied);
      await expect.poll(() => scenarioFromUrl(page.url()).inputs.gdpRealGrowth.periods[2]).toBe(4);
      await page.close();
    });

    it("a per-year value refused with a message keeps its field where it was (the message does not widen its column at the year's cost)", async () => {
      page = await context.newPage();
      await open(page);
      await page.click('[data-group="gdp"] .advanced summary >> nth=0');
      const field = page.locator("#yr-gdpRealGrowth-2023");
      await field.scrollIntoViewIfNeeded();
      const before = await field.boundingBox();
      await field.fill("abc");
      await field.press("Enter");
      await expect.poll(() => page.locator("#yr-gdpRealGrowth-2023-err").count()).toBe(1);
      expect(await text(page, "#yr-gdpRealGrowth-2023-err")).toContain("不是一个数");
      const after = await field.boundingBox();
      expect(after!.x).toBe(before!.x);
      expect(after!.width).toBe(before!.width);
      await page.close();
    });

    it("a slider whose years per-year values decide says so and gives them back with one tap", async () => {
      page = await context.newPage();
      await open(page);
      await page.selectOption("#preset-select", "reported");
      const reported = presets.find((p) => p.id === "reported")!.scenario;
      const years = Object.keys(reported.inputs.gdpRealGrowth.years ?? {});
      expect(years.length).toBeGreaterThan(0);
      // The assumptions are far below the first screen: they come alive as the reader scrolls there.
      await page.locator("#in-gdpRealGrowth-0-range").evaluate((e) => e.scrollIntoView({ block: "center" }));
      const note = page.locator("#in-gdpRealGrowth-0-decided");
      expect(await note.innerText()).toContain(`${years[0]}`);
      expect(await note.innerText()).toContain("由逐年设定决定");
      await note.locator("button").click();
      await expect.poll(() => note.count()).toBe(0);
      await expect.poll(() => Object.keys(scenarioFromUrl(page.url()).inputs.gdpRealGrowth.years ?? {})).toEqual([]);
      await page.close();
    });

    it("?lang=en shows English navigation, search box, footer, title and lang", async () => {
      page = await context.newPage();
      await open(page, "?lang=en");
      await expect.poll(() => page.locator(".site-header nav a").allInnerTexts()).toEqual(["Home", "Plan", "Indicators", "Simulator", "About"]);
      expect(await page.getAttribute(".site-header nav", "aria-label")).toBe("Site");
      expect(await page.getAttribute("#site-search-q", "placeholder")).toMatch(/^Search/);
      expect(await text(page, ".site-search button")).toBe("Search");
      expect(await text(page, ".site-footer")).toMatch(/Not an official website/);
      expect(await text(page, ".site-footer")).not.toMatch(/本站收录/);
      expect(await page.title()).toBe("Scenario simulator | Chengqu 14th Five-Year Plan");
      expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
      // The navigation keeps one row, and the dock's figures fit their line (nothing cut off).
      const navTops = await page.locator(".site-header nav li").evaluateAll((lis) => new Set(lis.map((li) => Math.round(li.getBoundingClientRect().top))).size);
      expect(navTops).toBe(1);
      await page.locator("#in-gdpRealGrowth-0-range").evaluate((e) => e.scrollIntoView({ block: "center" }));
      await expect.poll(() => text(page, ".dock-label")).toBe("GDP (billion yuan, constant 2020 prices)");
      const dockOverflow = await page.locator(".dock-figures").evaluate((box) => {
        const inner = box.getBoundingClientRect().right - parseFloat(getComputedStyle(box).paddingRight);
        const label = box.querySelector(".dock-label")!;
        return { values: box.querySelector(".dock-values")!.getBoundingClientRect().right - inner, label: label.scrollWidth - label.clientWidth };
      });
      expect(dockOverflow.values).toBeLessThanOrEqual(0.5);
      expect(dockOverflow.label).toBeLessThanOrEqual(0);
      // Population in words an English reader uses.
      expect(await text(page, "#result-residentPopulation-2035")).toMatch(/^\d[\d.,]* (million )?people$/);
      // Curly quotes set as English ones: a Chinese face sets them a full em wide (“ The plan's
      // targets ” ); Latin faces about 0.4–0.7 em (DejaVu Sans Bold, on the test machines, 0.66).
      const quoteWidth = await page.locator("button.restore-preset").evaluate((b) => {
        const node = [...b.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.nodeValue!.includes("“"))!;
        const at = node.nodeValue!.indexOf("“");
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 1);
        return range.getBoundingClientRect().width / parseFloat(getComputedStyle(b).fontSize);
      });
      expect(quoteWidth).toBeGreaterThan(0);
      expect(quoteWidth).toBeLessThan(0.8);
      // Switching back restores the Chinese chrome.
      await page.click("#lang-button");
      await expect.poll(() => page.locator(".site-header nav a").allInnerTexts()).toEqual(["首页", "规划全文", "指标", "模拟器", "关于"]);
      expect(await page.title()).toBe("情景模拟 | 城区“十四五”规划");
      await page.close();
    });
  });
}

// /simulate/ hydrates in parts (src/components/simulator/README.md, "Hydration"): the header and
// key results at once, every other part (charts, targets, dock, each group of assumptions, the
// extra panels) later. What a reader does to a part's server-rendered controls before it
// hydrates must count once it has, and every part must end up working.
describe("simulator hydrating in parts, on a 390×844 phone", () => {
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, userAgent: WECHAT_UA, isMobile: true, hasTouch: true, locale: "zh-CN" });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("a number typed, a radio set and a fold opened before their part has hydrated are in force once it has", async () => {
    const page = await context.newPage();
    // The parts' code is held back until the reader has acted on the server-rendered page.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/_astro\/SimulatorPart\.[\w-]+\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${base}/simulate/`);
    const planGdp2035 = await text(page, "#result-gdpReal-2035");
    expect(await page.locator(".sim-side astro-island[ssr]").count()).toBeGreaterThan(0);
    await page.fill("#in-gdpRealGrowth-0-number", "12");
    await page.locator('input[name="income.mode"][value="elasticity"]').check();
    await page.locator('[data-group="national"] details.folded summary').click();
    expect(await page.locator(".sim-side astro-island[ssr]").count()).toBeGreaterThan(0);
    release();
    await page.waitForSelector("html[data-simulator=ready]");
    // The typed value moved the state: the slider, the results and the address follow it.
    await expect.poll(() => page.locator("#in-gdpRealGrowth-0-range").inputValue()).toBe("12");
    expect(await page.inputValue("#in-gdpRealGrowth-0-number")).toBe("12");
    const expected = { ...defaultScenario, inputs: { ...defaultScenario.inputs, gdpRealGrowth: { ...defaultScenario.inputs.gdpRealGrowth, periods: [12, 9, 9] } } } as Scenario;
    await expect.poll(() => text(page, "#result-gdpReal-2035")).not.toBe(planGdp2035);
    await expect.poll(() => text(page, "#result-gdpReal-2025")).toBe(yi(gdpReal(expected)[5]!));
    // The radio: income follows per-capita GDP, so its elasticity slider is shown.
    await expect.poll(() => page.locator("#in-incomeElasticity-0-range").count()).toBe(1);
    // The fold: its settings are built.
    await expect.poll(() => page.locator('[data-group="national"] input[type="range"]').count()).toBeGreaterThan(0);
    await expect.poll(() => scenarioFromUrl(page.url()).income.mode).toBe("elasticity");
    expect(scenarioFromUrl(page.url()).inputs.gdpRealGrowth.periods[0]).toBe(12);
    await page.close();
  });

  it("a button tapped before its part has hydrated does its job once it has", async () => {
    const page = await context.newPage();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/_astro\/SimulatorPart\.[\w-]+\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${base}/simulate/`);
    const download = page.waitForEvent("download", { timeout: 20_000 });
    await page.click("#export-json");
    expect(await page.locator(".sim-extra astro-island[ssr]").count()).toBe(1);
    release();
    expect((await download).suggestedFilename()).toBe("chengqu-scenario.json");
    await page.close();
  });

  it("parts far below the first screen hydrate only when the reader scrolls towards them", async () => {
    const page = await context.newPage();
    await openSimulator(page, base, "", { everyPart: false });
    // The first screen (header, key results) and the charts just below it are live; the
    // assumptions, ~4,000 px down, and the panels after them are still server-rendered HTML.
    expect(await page.locator('.sim-main astro-island[ssr]:not([props*="targets"])').count()).toBe(0);
    const waiting = await page.locator(".simulator astro-island[data-soon=later]").count();
    expect(waiting).toBeGreaterThanOrEqual(7);
    expect(await page.locator(".sim-side astro-island[ssr][data-soon=later]").count()).toBe(6);
    expect(await page.evaluate(() => document.documentElement.dataset.simulatorParts)).toBeUndefined();
    // Scrolling down brings them to life, and every part then has.
    await page.evaluate(() => window.scrollBy(0, 600));
    await page.waitForSelector("html[data-simulator-parts=all]");
    expect(await page.locator(".simulator astro-island[ssr]").count()).toBe(0);
    await page.close();
  });

  it("once the page has settled, a slider in every group of assumptions moves the state", async () => {
    const page = await context.newPage();
    await open(page);
    const groupsWithSliders = await page.locator(".sim-side [data-group]").evaluateAll((gs) =>
      gs.map((g) => g.querySelector<HTMLInputElement>('input[type="range"]:not(:disabled)')?.id ?? null).filter((id): id is string => id != null),
    );
    expect(groupsWithSliders.length).toBeGreaterThanOrEqual(4);
    for (const id of groupsWithSliders) {
      const range = page.locator(`#${id}`);
      await range.evaluate((e) => e.scrollIntoView({ block: "center" }));
      const [min, max, now] = await range.evaluate((e) => [Number((e as HTMLInputElement).min), Number((e as HTMLInputElement).max), Number((e as HTMLInputElement).value)]);
      const next = now === max ? min : max;
      const before = page.url();
      await drag(page, `#${id}`, [next]);
      const number = `#${id.replace(/-range$/, "-number")}`;
      await expect.poll(() => page.inputValue(number), { message: id }).toBe(String(next));
      await expect.poll(() => page.url(), { message: id }).not.toBe(before);
    }
    await page.close();
  });
});

/**
 * Year ranges ("2021—2025", "2023–2025") in `main` laid out over more than one line: a browser
 * may break after an en or em dash, leaving "2021—" at a line's end.
 */
function splitYearRanges(page: Page): Promise<{ seen: number; split: string[] }> {
  return page.evaluate(() => {
    let seen = 0;
    const split: string[] = [];
    const walker = document.createTreeWalker(document.querySelector("main")!, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of (node.nodeValue ?? "").matchAll(/(?<!\d)\d{4}\s?[–—]\s?\d{2,4}(?!\d)/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const rects = [...range.getClientRects()].filter((r) => r.width > 0);
        if (!rects.length) continue;
        seen++;
        if (new Set(rects.map((r) => Math.round(r.top))).size > 1) split.push(`${m[0]} in “${node.parentElement?.textContent?.trim().slice(0, 30)}”`);
      }
    }
    return { seen, split };
  });
}

/**
 * Labels whose parenthetical aside ("（元，当年价）", set inline-block) is split over lines although
 * it fits on one, or whose line before the aside had room for the text that went down with it
 * (text-wrap: pretty pulls a word down to lengthen a last line: "…生产总 / 值（2020年不变价）"), or
 * that lost the space before it ("average(yuan, …": a leading space inside an inline-block is dropped).
 */
function asideBreaks(page: Page): Promise<{ seen: number; bad: string[] }> {
  return page.evaluate(() => {
    let seen = 0;
    const bad: string[] = [];
    for (const aside of document.querySelectorAll<HTMLElement>("main .aside")) {
      const box = aside.getBoundingClientRect();
      if (!box.width) continue;
      seen++;
      const parent = aside.parentElement!;
      const label = `“${parent.textContent?.trim().slice(0, 40)}”`;
      const style = getComputedStyle(parent);
      const right = parent.getBoundingClientRect().right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth);
      const whole = document.createRange();
      whole.selectNodeContents(aside);
      const lines = new Set([...whole.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.bottom)));
      if (lines.size > 1 && aside.scrollWidth < right - parent.getBoundingClientRect().left) bad.push(`split: ${label}`);
      // The characters before the aside, each with its box.
      const chars: { ch: string; rect: DOMRect }[] = [];
      const walker = document.createTreeWalker(parent, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
        if (aside.contains(n) || !(aside.compareDocumentPosition(n) & Node.DOCUMENT_POSITION_PRECEDING)) continue;
        for (let i = 0; i < n.length; i++) {
          const r = document.createRange();
          r.setStart(n, i);
          r.setEnd(n, i + 1);
          const rect = r.getClientRects()[0];
          if (rect && rect.width > 0) chars.push({ ch: n.data[i]!, rect });
        }
      }
      const onAsideLine = (r: DOMRect) => r.top + r.height / 2 > box.top && r.top + r.height / 2 < box.bottom;
      const first = chars.findIndex((c) => onAsideLine(c.rect));
      // An English aside on the line of the word before it keeps the space between them.
      const prev = chars[chars.length - 1];
      if (prev && onAsideLine(prev.rect) && /\w/.test(prev.ch) && box.left - prev.rect.right < 2) bad.push(`no space before the aside: ${label}`);
      if (first <= 0) continue;
      // What went down first: a Chinese character, or a whole Latin word; the line before ends
      // at its last character that is not a space.
      let end = first;
      if (/\w/.test(chars[first]!.ch)) while (end + 1 < chars.length && /\S/.test(chars[end + 1]!.ch) && onAsideLine(chars[end + 1]!.rect)) end++;
      const unitWidth = chars[end]!.rect.right - chars[first]!.rect.left;
      let last = first - 1;
      while (last > 0 && !chars[last]!.ch.trim()) last--;
      const gap = /\w/.test(chars[first]!.ch) ? chars[last]!.rect.width / 2 : 0; // about a space
      if (chars[last]!.rect.right + gap + unitWidth <= right + 0.5) bad.push(`pulled down with the aside: ${label}`);
    }
    return { seen, bad };
  });
}

describe("line breaks in notes and labels, on phones from 360 to 430 px (and a desktop)", () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 360, height: 740 }, userAgent: WECHAT_UA, isMobile: true, hasTouch: true, locale: "zh-CN" });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Runs `check` on the page as laid out at each width; returns what it found, with where. */
  async function atWidths(what: string, widths: number[], check: () => Promise<string[]>): Promise<string[]> {
    const found: string[] = [];
    for (const width of widths) {
      await page.setViewportSize({ width, height: 740 });
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      found.push(...(await check()).map((f) => `${what} at ${width}: ${f}`));
    }
    return found;
  }

  /** /simulate/ in Chinese, then in English, every part live. */
  async function eachLanguage(run: (what: string) => Promise<void>): Promise<void> {
    for (const query of ["", "?lang=en"]) {
      await open(page, query);
      if (query) await expect.poll(() => text(page, "h1"), { timeout: 15_000 }).toBe("Scenario simulator");
      await run(`/simulate/${query}`);
    }
  }

  it("no year range breaks at its dash, on the home page and in the simulator's notes, sources, results and targets, in Chinese and in English", async () => {
    const phones = [360, 375, 390, 414, 430];
    const ranges = async () => {
      const { seen, split } = await splitYearRanges(page);
      // The check sees the ranges it is about (the page has not lost them).
      return seen < 1 ? ["no year range seen"] : split;
    };
    const home = await page.goto(`${base}/`);
    expect(home?.status()).toBe(200);
    const failures = await atWidths("/", phones, ranges);
    await eachLanguage(async (what) => {
      await page.click(".preset-about details > summary");
      failures.push(...(await atWidths(what, phones, ranges)));
    });
    expect(failures).toEqual([]);
  });

  it("no note ends in a line of one character, also in a browser without text-wrap: pretty", async () => {
    await open(page);
    await page.click(".preset-about details > summary");
    // Greedy wrapping, as Chrome before 117 and Safari before 26 do (WeChat's WebView on older phones).
    await page.addStyleTag({ content: "* { text-wrap-style: auto !important; }" });
    const notes = "main .simulator p.note, main .simulator li";
    expect(await page.locator(notes).count()).toBeGreaterThan(10);
    expect(await atWidths("/simulate/", [360, 375, 390, 414, 430], () => shortLastLines(page, notes))).toEqual([]);
  });

  it("a label's aside (unit, price basis) moves to the next line whole, alone, in Chinese and in English", async () => {
    const failures: string[] = [];
    await eachLanguage(async (what) => {
      const found = await atWidths(what, [360, 375, 390, 414, 430, 1280], async () => {
        const { seen, bad } = await asideBreaks(page);
        // The charts' titles and the growth labels: the check sees them.
        return seen < 6 ? [`${seen} asides seen`] : bad;
      });
      failures.push(...found);
    });
    expect(failures).toEqual([]);
  });
});
