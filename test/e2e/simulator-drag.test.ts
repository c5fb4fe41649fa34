// A slider drag on a phone redraws the dock's chart on the axes it already has (charts.ts
// quickRedraw: no layout pass per step), and lays the chart out for its values once the drag
// ends. What a reader sees must still follow the slider at every step. On a desktop, charts
// redrawn for one change take turns on a slow CPU (chart-queue.ts): none may be left behind.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchChromium } from "../helpers/browser";
import { dragStep, openSimulator, twoFrames, watchCodecChunks, WECHAT_UA } from "../helpers/simulator-page";

const base = inject("baseUrl");
const SLIDER = "#in-gdpRealGrowth-0-range";

interface Drawn {
  min: number;
  max: number;
  /** Largest distance (px) between a drawn point of any line and where its value belongs on the current axes. */
  offset: number;
  /** The scenario line's 2035 value. */
  last: number;
}

/** The dock chart as chart.js holds it: axes, and whether each point sits at its value. */
function drawn(page: Page): Promise<Drawn> {
  return page.evaluate(() => {
    type Meta = { data: { y: number }[] };
    type ChartLike = { scales: { y: { min: number; max: number; getPixelForValue(v: number): number } }; data: { datasets: { data: (number | null)[] }[] }; getDatasetMeta(i: number): Meta };
    const get = (globalThis as unknown as { __simGetChart: (c: HTMLCanvasElement) => ChartLike }).__simGetChart;
    const chart = get(document.querySelector<HTMLCanvasElement>(".dock canvas")!);
    const y = chart.scales.y;
    let offset = 0;
    chart.data.datasets.forEach((d, k) => {
      const points = chart.getDatasetMeta(k).data;
      d.data.forEach((v, i) => {
        if (v != null) offset = Math.max(offset, Math.abs(points[i]!.y - y.getPixelForValue(v)));
      });
    });
    return { min: y.min, max: y.max, offset, last: chart.data.datasets[0]!.data[15]! };
  });
}

/**
 * The dock chart's pixels now, against a full draw of the same layout and data (chart.js's
 * draw(): axes, labels, milestones, fan and lines all drawn again): the number of pixels that
 * differ. A quick redraw starts from a copy of the axes (charts.ts backdrop); a stale copy, or
 * anything drawn twice, shows here.
 */
function pixelsOffFullDraw(page: Page, selector = ".dock canvas"): Promise<{ differing: number; total: number }> {
  return page.evaluate((selector) => {
    const canvas = document.querySelector<HTMLCanvasElement>(selector)!;
    const get = (globalThis as unknown as { __simGetChart: (c: HTMLCanvasElement) => { draw(): void } }).__simGetChart;
    const ctx = canvas.getContext("2d")!;
    const before = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    get(canvas).draw();
    const after = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    let differing = 0;
    for (let i = 0; i < before.length; i += 4) {
      if (before[i] !== after[i] || before[i + 1] !== after[i + 1] || before[i + 2] !== after[i + 2] || before[i + 3] !== after[i + 3]) differing++;
    }
    return { differing, total: before.length / 4 };
  }, selector);
}

/** The Monte Carlo fan the dock chart draws: each band's top edge (empty without uncertainty). */
const fan = (page: Page) =>
  page.evaluate(() => {
    const get = (globalThis as unknown as { __simChartBands: (c: HTMLCanvasElement) => { upper: number[] }[] }).__simChartBands;
    return get(document.querySelector<HTMLCanvasElement>(".dock canvas")!).map((b) => [...b.upper]);
  });

// One Chromium for the file; each test opens its own context.
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** A WeChat phone on /simulate/ with the first GDP slider in view under the dock, whose chart is drawn. */
async function openDock(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, userAgent: WECHAT_UA, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: "zh-CN" });
  const page = await context.newPage();
  await openSimulator(page, base);
  await page.locator(SLIDER).evaluate((e) => e.scrollIntoView({ block: "center" }));
  await page.waitForFunction(() => {
    const c = document.querySelector<HTMLCanvasElement>(".dock canvas");
    return !!c && !!(globalThis as unknown as { __simGetChart?: (c: HTMLCanvasElement) => unknown }).__simGetChart?.(c);
  });
  return { context, page };
}

/** The dock chart's y axis after another full layout (update()) of what it holds. */
function refitAxes(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const get = (globalThis as unknown as { __simGetChart: (c: HTMLCanvasElement) => { update(mode: string): void; scales: { y: { min: number; max: number } } } }).__simGetChart;
    const chart = get(document.querySelector<HTMLCanvasElement>(".dock canvas")!);
    chart.update("none");
    return [chart.scales.y.min, chart.scales.y.max];
  });
}

describe("the dock chart during a slider drag (390×844 phone)", () => {
  it("draws every step's values on the axes it had, and fits the axes to the values when the drag ends", async () => {
    const { context, page } = await openDock();
    const start = await drawn(page);
    let previous = start;
    // Lower growth: every value stays inside the axes the chart has, which a full layout would narrow.
    for (const v of [5, 4, 3, 2, 1]) {
      await dragStep(page, SLIDER, v);
      await twoFrames(page);
      const now = await drawn(page);
      expect(now.last, `step ${v}: the line moved`).toBeLessThan(previous.last);
      expect(now.offset, `step ${v}: points drawn at their values`).toBeLessThan(0.01);
      expect([now.min, now.max], `step ${v}: axes kept during the drag`).toEqual([start.min, start.max]);
      expect(await pixelsOffFullDraw(page), `step ${v}: the picture a full draw makes`).toMatchObject({ differing: 0 });
      previous = now;
    }
    await page.locator(SLIDER).evaluate((el) => el.dispatchEvent(new Event("change", { bubbles: true })));
    await twoFrames(page);
    await page.waitForFunction(() => (globalThis as { __simChartsWaiting?: () => number }).__simChartsWaiting?.() === 0);
    const end = await drawn(page);
    expect(end.offset).toBeLessThan(0.01);
    // Laid out for the values, then drawn (on a slow CPU in a task after the layout): the picture of the new axes.
    expect(await pixelsOffFullDraw(page), "at rest: the picture a full draw makes").toMatchObject({ differing: 0 });
    // At rest the chart is what a full layout draws: another one changes nothing, and the
    // axes have narrowed to the lower values.
    const refit = await refitAxes(page);
    expect([end.min, end.max]).toEqual(refit);
    expect(end.max).toBeLessThan(start.max);
    await context.close();
  });

  it("when the values end where the axes a layout would give are the ones drawn, the drag's end draws nothing again", async () => {
    const { context, page } = await openDock();
    const start = await drawn(page);
    const plan = Number(await page.locator(SLIDER).inputValue());
    // Down and back: the line ends where it started, on the axes it started on.
    for (const v of [plan - 0.2, plan - 0.1, plan]) {
      await dragStep(page, SLIDER, v);
      await twoFrames(page);
    }
    const draws = () => page.evaluate(() => (globalThis as { __simDraws?: number }).__simDraws ?? 0);
    const before = await draws();
    await page.locator(SLIDER).evaluate((el) => el.dispatchEvent(new Event("change", { bubbles: true })));
    await twoFrames(page);
    await page.waitForFunction(() => (globalThis as { __simChartsWaiting?: () => number }).__simChartsWaiting?.() === 0);
    await twoFrames(page);
    expect(await draws(), "no chart drawn again at the drag's end").toBe(before);
    const end = await drawn(page);
    expect([end.min, end.max, end.last]).toEqual([start.min, start.max, start.last]);
    expect(end.offset).toBeLessThan(0.01);
    expect(await pixelsOffFullDraw(page), "the picture a full draw makes").toMatchObject({ differing: 0 });
    const refit = await refitAxes(page);
    expect([end.min, end.max], "at rest: the axes a full layout gives").toEqual(refit);
    await context.close();
  });

  it("when a step takes the values off the axes, lays the chart out once with room to spare above them, draws the next steps on those axes, and fits the axes to the values when the drag ends (back at the plan's value: the plan's axes)", async () => {
    const { context, page } = await openDock();
    /** The dock chart's values: lowest and highest of every line. */
    const values = () =>
      page.evaluate(() => {
        const get = (globalThis as unknown as { __simGetChart: (c: HTMLCanvasElement) => { data: { datasets: { data: (number | null)[] }[] } } }).__simGetChart;
        const all = get(document.querySelector<HTMLCanvasElement>(".dock canvas")!).data.datasets.flatMap((d) => d.data).filter((v): v is number => v != null);
        return { lo: Math.min(...all), hi: Math.max(...all) };
      });
    const top = Number(await page.locator(SLIDER).getAttribute("max"));
    const plan = Number(await page.locator(SLIDER).inputValue());
    const atPlan = await drawn(page);
    let previous = atPlan;
    let widened: { max: number; step: number } | null = null;
    let keptAfter = 0;
    // Higher and higher growth: the scenario line rises out of the axes the plan had.
    for (let v = 6; v <= top; v += 0.5) {
      await dragStep(page, SLIDER, v);
      await twoFrames(page);
      const now = await drawn(page);
      expect(now.offset, `step ${v}: points drawn at their values`).toBeLessThan(0.01);
      expect(await pixelsOffFullDraw(page), `step ${v}: the picture a full draw makes`).toMatchObject({ differing: 0 });
      if (now.max > previous.max && !widened) {
        // Laid out again: the top of the axis leaves a quarter of the values' span above the highest.
        const { lo, hi } = await values();
        expect(now.max, `step ${v}: room above the values`).toBeGreaterThanOrEqual(hi + 0.25 * (hi - lo) - 1e-9);
        widened = { max: now.max, step: v };
      } else if (widened && now.max === widened.max) keptAfter++;
      previous = now;
    }
    expect(widened, "some step took the values above the plan's axes").not.toBeNull();
    expect(keptAfter, "steps after the layout drawn on its axes").toBeGreaterThan(0);
    // Back to the plan's value before letting go: drawn on the widened axes, which the end narrows.
    await dragStep(page, SLIDER, plan);
    await twoFrames(page);
    expect((await drawn(page)).max, "the last step on the widened axes").toBe(widened!.max);
    await page.locator(SLIDER).evaluate((el) => el.dispatchEvent(new Event("change", { bubbles: true })));
    await twoFrames(page);
    await page.waitForFunction(() => (globalThis as { __simChartsWaiting?: () => number }).__simChartsWaiting?.() === 0);
    const end = await drawn(page);
    expect(await pixelsOffFullDraw(page), "at rest: the picture a full draw makes").toMatchObject({ differing: 0 });
    const refit = await refitAxes(page);
    expect([end.min, end.max], "at rest: the axes a full layout gives").toEqual(refit);
    // …and the chart of the same scenario as the page opened with it: the bounds the drag
    // widened are kept nowhere, not even in the options chart.js resolved once.
    expect([end.min, end.max, end.last], "at rest: the plan's chart as the page opened").toEqual([atPlan.min, atPlan.max, atPlan.last]);
    await context.close();
  });

  it("the step that takes the values off the axes draws them on the axes it had, cut at the plot's edge, and the layout that widens the axes follows in a task of its own", async () => {
    // The layout in the step's own task made it the longest of a drag on a phone at 4× CPU.
    const { context, page } = await openDock();
    const atPlan = await drawn(page);
    const top = Number(await page.locator(SLIDER).getAttribute("max"));
    await twoFrames(page);
    const seen = await page.locator(SLIDER).evaluate(async (el, v) => {
      type ChartLike = { scales: { y: { max: number } }; data: { datasets: { data: (number | null)[] }[] }; draw(): void };
      const g = globalThis as unknown as { __simGetChart: (c: HTMLCanvasElement) => ChartLike; __simChartsWaiting: () => number };
      const canvas = document.querySelector<HTMLCanvasElement>(".dock canvas")!;
      const chart = g.__simGetChart(canvas);
      const ctx = canvas.getContext("2d")!;
      /** Pixels that differ from a full draw (chart.js's draw()) on the chart's layout now. */
      const offFullDraw = () => {
        const before = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
        chart.draw();
        const after = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
        let differing = 0;
        for (let i = 0; i < before.length; i++) if (before[i] !== after[i]) differing++;
        return differing;
      };
      (el as HTMLInputElement).value = String(v);
      el.dispatchEvent(new Event("input", { bubbles: true }));
      // The step's drawing runs in this task, as microtasks (Svelte's effects).
      for (let i = 0; i < 10; i++) await Promise.resolve();
      const highest = Math.max(...chart.data.datasets[0]!.data.filter((x): x is number => x != null));
      const inStep = { max: chart.scales.y.max, highest, waiting: g.__simChartsWaiting(), differing: offFullDraw() };
      // A task queued after the chart's turn: it runs once the turn has.
      await new Promise<void>((done) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => done();
        channel.port2.postMessage(0);
      });
      return { inStep, after: { max: chart.scales.y.max, waiting: g.__simChartsWaiting(), differing: offFullDraw() } };
    }, top);
    expect(seen.inStep.highest, "the step's values rise above the plan's axes").toBeGreaterThan(atPlan.max);
    expect(seen.inStep, "in the step's task: the plan's axes, the layout waiting, the picture a full draw on them makes").toEqual({ max: atPlan.max, highest: seen.inStep.highest, waiting: 1, differing: 0 });
    expect(seen.after.max, "then laid out with room above the values").toBeGreaterThan(seen.inStep.highest);
    expect(seen.after).toEqual({ max: seen.after.max, waiting: 0, differing: 0 });
    expect((await drawn(page)).offset).toBeLessThan(0.01);
    await context.close();
  });

  it("with uncertainty on, a drag that widened the axes and came back ends on the plan's axes, even when the fan's last answer arrived before the slider was let go", async () => {
    // The full Monte Carlo run follows 250 ms after the last step, also while the finger still
    // holds the slider (a CI run at 4× CPU had it arrive just before the change event): its
    // bounds went into the options, not into the laid-out scale, and the end kept the axes the
    // drag had widened.
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, userAgent: WECHAT_UA, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: "zh-CN" });
    const page = await context.newPage();
    await openSimulator(page, base);
    await page.check("#uncertainty-toggle");
    await page.locator(SLIDER).evaluate((e) => e.scrollIntoView({ block: "center" }));
    const fanDrawn = () => page.waitForFunction(() => {
      const c = document.querySelector<HTMLCanvasElement>(".dock canvas");
      return !!c && ((globalThis as unknown as { __simChartBands?: (c: HTMLCanvasElement) => unknown[] }).__simChartBands?.(c)?.length ?? 0) > 0;
    }, null, { timeout: 30_000 });
    await fanDrawn();
    await expect.poll(() => page.locator(".mc-status").innerText(), { timeout: 30_000 }).toBe("");
    await twoFrames(page);
    const atPlan = await drawn(page);
    const planFan = await fan(page);
    const plan = Number(await page.locator(SLIDER).inputValue());
    const top = Number(await page.locator(SLIDER).getAttribute("max"));
    await dragStep(page, SLIDER, top);
    await twoFrames(page);
    const widened = await drawn(page);
    expect(widened.max, "the step took the values above the plan's axes").toBeGreaterThan(atPlan.max);
    // Back at the plan's value, still held: the full run's fan for it arrives and is drawn.
    await dragStep(page, SLIDER, plan);
    await expect.poll(() => fan(page), { timeout: 30_000 }).toEqual(planFan);
    await twoFrames(page);
    expect((await drawn(page)).max, "the plan's fan drawn on the widened axes").toBe(widened.max);
    await page.locator(SLIDER).evaluate((el) => el.dispatchEvent(new Event("change", { bubbles: true })));
    await twoFrames(page);
    await page.waitForFunction(() => (globalThis as { __simChartsWaiting?: () => number }).__simChartsWaiting?.() === 0);
    const end = await drawn(page);
    expect([end.min, end.max, end.last], "at rest: the plan's chart as the page opened").toEqual([atPlan.min, atPlan.max, atPlan.last]);
    expect(await pixelsOffFullDraw(page), "at rest: the picture a full draw makes").toMatchObject({ differing: 0 });
    await context.close();
  });

  it("with uncertainty on, draws the fan that follows the slider during the drag, each step the picture a full draw makes", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, userAgent: WECHAT_UA, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: "zh-CN" });
    const page = await context.newPage();
    await openSimulator(page, base);
    await page.check("#uncertainty-toggle");
    const slider = "#in-gdpRealGrowth-1-range";
    await page.locator(slider).evaluate((e) => e.scrollIntoView({ block: "center" }));
    await page.waitForFunction(() => {
      const c = document.querySelector<HTMLCanvasElement>(".dock canvas");
      const bands = c && (globalThis as unknown as { __simChartBands?: (c: HTMLCanvasElement) => unknown[] }).__simChartBands?.(c);
      return !!bands && bands.length > 0;
    }, null, { timeout: 30_000 });
    const start = await fan(page);
    expect(start.length).toBe(2);
    const seen: number[] = [];
    for (const v of [5, 4, 3, 2, 1]) {
      await dragStep(page, slider, v);
      // Time for a quick Monte Carlo run (a few per second during a drag) to arrive and be drawn.
      await page.waitForTimeout(400);
      await twoFrames(page);
      expect(await pixelsOffFullDraw(page), `step ${v}: the picture a full draw makes`).toMatchObject({ differing: 0 });
      seen.push((await fan(page))[0]!.at(-1)!);
    }
    // Lower growth lowers the fan's 2035 top, and it followed before the slider was let go.
    expect(seen.at(-1)!).toBeLessThan(start[0]!.at(-1)!);
    await page.locator(slider).evaluate((el) => el.dispatchEvent(new Event("change", { bubbles: true })));
    await expect.poll(() => page.locator(".mc-status").innerText(), { timeout: 30_000 }).toBe("");
    await twoFrames(page);
    expect(await pixelsOffFullDraw(page)).toMatchObject({ differing: 0 });
    await context.close();
  });
});

/** What a desktop chart holds: its axis, every line's values and the fan it draws. */
interface Held {
  id: string;
  y: [number, number];
  lines: (number | null)[][];
  bands: { upper: number[]; lower: number[] }[];
}

function heldByCharts(page: Page): Promise<Held[]> {
  return page.evaluate(() => {
    type ChartLike = { scales: { y: { min: number; max: number } }; data: { datasets: { data: (number | null)[] }[] } };
    const g = globalThis as unknown as { __simGetChart: (c: HTMLCanvasElement) => ChartLike; __simChartBands: (c: HTMLCanvasElement) => { upper: number[]; lower: number[] }[] };
    return [...document.querySelectorAll<HTMLElement>(".charts figure.chart")].map((f) => {
      const canvas = f.querySelector("canvas")!;
      const chart = g.__simGetChart(canvas);
      return {
        id: f.dataset.chart!,
        y: [chart.scales.y.min, chart.scales.y.max] as [number, number],
        lines: chart.data.datasets.map((d) => [...d.data]),
        bands: g.__simChartBands(canvas).map((b) => ({ upper: [...b.upper], lower: [...b.lower] })),
      };
    });
  });
}

/** The four desktop charts are drawn and each has a fan; the Monte Carlo run is done and no chart waits for its turn. */
async function chartsAtRest(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const g = globalThis as unknown as { __simGetChart?: (c: HTMLCanvasElement) => unknown; __simChartBands?: (c: HTMLCanvasElement) => unknown[]; __simChartsWaiting?: () => number };
    const canvases = [...document.querySelectorAll<HTMLCanvasElement>(".charts figure.chart canvas")];
    return canvases.length === 4 && canvases.every((c) => !!g.__simGetChart?.(c) && (g.__simChartBands?.(c).length ?? 0) > 0) && g.__simChartsWaiting?.() === 0;
  }, null, { timeout: 60_000 });
  await expect.poll(() => page.locator(".mc-status").innerText(), { timeout: 60_000 }).toBe("");
  await twoFrames(page);
  await page.waitForFunction(() => (globalThis as unknown as { __simChartsWaiting: () => number }).__simChartsWaiting() === 0);
}

describe("what a drag leaves alone until it ends (390×844 phone)", () => {
  it("changes no other control's DOM and loads no link codec during the steps; the codec loads and the address follows once the drag ends", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, userAgent: WECHAT_UA, isMobile: true, hasTouch: true, locale: "zh-CN" });
    const page = await context.newPage();
    const codecChunks = watchCodecChunks(page);
    await openSimulator(page, base);
    await page.locator(SLIDER).evaluate((e) => e.scrollIntoView({ block: "center" }));
    await page.waitForTimeout(300);
    expect(await codecChunks(), "no codec before the drag").toEqual([]);
    // Every change to the DOM of the assumptions outside the dragged slider's own field.
    await page.evaluate((sel) => {
      const own = document.querySelector(sel)!.closest(".field")!;
      const seen: string[] = [];
      (globalThis as unknown as { __otherMutations: string[] }).__otherMutations = seen;
      new MutationObserver((records) => {
        for (const r of records) {
          const el = r.target instanceof Element ? r.target : r.target.parentElement;
          if (el && !own.contains(el) && !el.closest(".dock")) seen.push(`${r.type} ${r.attributeName ?? ""} in ${el.closest("[data-control]")?.getAttribute("data-control") ?? el.tagName}`);
        }
      }).observe(document.querySelector(".sim-side")!, { subtree: true, childList: true, attributes: true, characterData: true });
    }, SLIDER);
    for (const v of [6, 6.5, 7, 7.5, 8]) {
      await dragStep(page, SLIDER, v);
      await twoFrames(page);
    }
    // The dock follows the drag (it is outside the controls).
    expect(await page.textContent('[data-dock-value="2025"]')).not.toBe("");
    const others = await page.evaluate(() => (globalThis as unknown as { __otherMutations: string[] }).__otherMutations);
    expect(others, "other controls untouched by the drag").toEqual([]);
    expect(await codecChunks(), "no codec during the drag").toEqual([]);
    expect(page.url()).not.toContain("s=");
    // The key results above, off screen, wait for the end of the drag.
    const resultBefore = await page.textContent("#result-gdpReal-2035");
    await page.locator(SLIDER).evaluate((el) => el.dispatchEvent(new Event("change", { bubbles: true })));
    await expect.poll(() => new URL(page.url()).searchParams.get("s"), { timeout: 10_000 }).not.toBeNull();
    expect(await codecChunks(), "the codec once the drag has ended").not.toEqual([]);
    expect(await page.inputValue("#in-gdpRealGrowth-0-number")).toBe("8");
    // …and then show the scenario, as a page opened at its link does.
    const fresh = await context.newPage();
    await openSimulator(fresh, base, new URL(page.url()).search);
    const resultOpened = await fresh.textContent("#result-gdpReal-2035");
    expect(resultOpened).not.toBe(resultBefore);
    await expect.poll(() => page.textContent("#result-gdpReal-2035"), { timeout: 5_000 }).toBe(resultOpened);
    await context.close();
  });
});

describe("fans during a drag with uncertainty on (1280×900)", () => {
  // The quick Monte Carlo answers during a drag use fewer paths. Growth of GDP drives the GDP
  // chart's line, not the population's: that chart keeps the fan it had (no redraw with the
  // quick answers' noise) while the GDP chart's fan follows the finger.
  it("the population chart keeps its fan while a GDP slider is dragged; the GDP chart's fan follows", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
    const page = await context.newPage();
    await openSimulator(page, base);
    await page.check("#uncertainty-toggle");
    await page.evaluate(() => document.querySelector(".charts")?.scrollIntoView());
    await chartsAtRest(page);
    const before = await heldByCharts(page);
    const gdpBefore = before.find((c) => c.id === "gdp")!.bands;
    const populationBefore = before.find((c) => c.id === "population")!.bands;
    let gdpFollowed = false;
    // Steps closer together than the 250 ms pause after which the full run starts: only quick
    // answers (1,000 paths, a few a second) arrive during the drag.
    for (let i = 0; i < 16; i++) {
      const v = 6 - (i % 8) * 0.5;
      await dragStep(page, "#in-gdpRealGrowth-1-range", v);
      await page.waitForTimeout(120);
      const held = await heldByCharts(page);
      expect(held.find((c) => c.id === "population")!.bands, `step ${i}`).toEqual(populationBefore);
      gdpFollowed ||= JSON.stringify(held.find((c) => c.id === "gdp")!.bands) !== JSON.stringify(gdpBefore);
    }
    expect(gdpFollowed, "a quick answer moved the GDP chart's fan during the drag").toBe(true);
    await page.locator("#in-gdpRealGrowth-1-range").evaluate((el) => el.dispatchEvent(new Event("change", { bubbles: true })));
    await chartsAtRest(page);
    // The full run, with the same seed, draws the population's shocks as before: the same fan.
    expect((await heldByCharts(page)).find((c) => c.id === "population")!.bands).toEqual(populationBefore);
    await context.close();
  });
});

describe("the four charts after a drag with uncertainty on (1280×900, CPU slowed 4×)", () => {
  // On a slow CPU a Monte Carlo answer redraws the charts one per task (chart-queue.ts), and a
  // drag's last steps and the gesture's end queue layouts behind them: none may be dropped or
  // drawn from an older picture. A page opened afresh at the dragged scenario is the reference.
  it("each chart ends as a full draw of the scenario's lines and fan, the same as a page opened at that scenario", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    await openSimulator(page, base);
    await page.check("#uncertainty-toggle");
    await page.evaluate(() => document.querySelector(".charts")?.scrollIntoView());
    await chartsAtRest(page);
    const before = await heldByCharts(page);
    // One step per frame, as a finger moves; lower growth moves the GDP, per-capita and income charts' lines and fans.
    for (const v of [6, 5.5, 5, 4.5, 4, 3.5, 3, 2.5, 2, 1.5, 1]) {
      await page.locator("#in-gdpRealGrowth-1-range").evaluate(async (el, v) => {
        await new Promise((r) => requestAnimationFrame(() => r(null)));
        (el as HTMLInputElement).value = String(v);
        el.dispatchEvent(new Event("input", { bubbles: true }));
      }, v);
    }
    await page.locator("#in-gdpRealGrowth-1-range").evaluate((el) => el.dispatchEvent(new Event("change", { bubbles: true })));
    await chartsAtRest(page);
    const after = await heldByCharts(page);
    expect(after.map((c) => c.id)).toEqual(["gdp", "gdpPerCapita", "income", "population"]);
    for (const c of after) expect(await pixelsOffFullDraw(page, `figure[data-chart="${c.id}"] canvas`), `${c.id}: the picture a full draw makes`).toMatchObject({ differing: 0 });
    // The drag moved the GDP chart's line and fan.
    expect(after[0]!.lines[0]!.at(-1)!).toBeLessThan(before[0]!.lines[0]!.at(-1)!);
    expect(after[0]!.bands[0]!.upper.at(-1)!).toBeLessThan(before[0]!.bands[0]!.upper.at(-1)!);

    const fresh = await context.newPage();
    await openSimulator(fresh, base, new URL(page.url()).search);
    await fresh.evaluate(() => document.querySelector(".charts")?.scrollIntoView());
    await chartsAtRest(fresh);
    expect(after).toEqual(await heldByCharts(fresh));
    await context.close();
  });
});
