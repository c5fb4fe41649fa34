// A slider step rewrites a few figures, one number field and the slider's thumb. Each sits in a
// box of a fixed size (simulator.css, "relayout boundaries"), so that Chromium lays out those
// boxes alone instead of the page from its root. The figures in fixed boxes must still show
// whole: none spills out of its card or onto its neighbour, on phones and desktops, in Chinese
// and English, and in a scenario whose figures are far longer than the plan's.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../helpers/browser";
import { dragStep, openSimulator, twoFrames, WECHAT_UA } from "../helpers/simulator-page";
import { defaultScenario, encodeScenario, validateScenario, type Scenario } from "../../src/lib/scenario";
import { FIGURE_BOX_CHARS } from "../../src/components/simulator/results";
import type { Lang } from "../../src/lib/lang";

const base = inject("baseUrl");
const SLIDER = "#in-gdpRealGrowth-0-range";

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

interface LayoutEvent {
  partial: boolean;
  roots: string[];
  dirty: number;
}

/**
 * The main frame's layouts (Chromium's trace) while the slider steps through `values`, two
 * frames apart, after a first step `warmUp` whose layouts are not counted (a view may come to
 * life; `afterWarmUp` runs then). The trace starts before that first step, so that no pause between it and the counted
 * steps lets the gesture rest (600 ms: the views off screen then catch up, laid out from the
 * page's root); on a slow machine, starting the trace took that long.
 */
async function layoutsDuringSteps(page: Page, warmUp: number, values: number[], afterWarmUp: () => Promise<void>): Promise<LayoutEvent[]> {
  const cdp = await page.context().newCDPSession(page);
  const { frameTree } = (await cdp.send("Page.getFrameTree")) as { frameTree: { frame: { id: string } } };
  const events: { name: string; ph: string; ts: number; args?: { data?: { message?: string }; beginData?: { frame?: string; partialLayout?: boolean; dirtyObjects?: number }; endData?: { layoutRoots?: { nodeName: string }[] } } }[] = [];
  cdp.on("Tracing.dataCollected", (d) => events.push(...(d.value as unknown as typeof events)));
  const done = new Promise((r) => cdp.once("Tracing.tracingComplete", r));
  await cdp.send("Tracing.start", { categories: "devtools.timeline,disabled-by-default-devtools.timeline", transferMode: "ReportEvents" });
  await dragStep(page, SLIDER, warmUp);
  await twoFrames(page);
  await afterWarmUp();
  await page.evaluate(() => console.timeStamp("counted steps"));
  for (const v of values) {
    await dragStep(page, SLIDER, v);
    await twoFrames(page);
  }
  await cdp.send("Tracing.end");
  await done;
  await cdp.detach();
  const from = events.find((e) => e.name === "TimeStamp" && e.args?.data?.message === "counted steps")?.ts;
  if (from === undefined) throw new Error("the trace has no mark before the counted steps");
  return events
    .filter((e) => e.name === "Layout" && e.ph === "X" && e.ts > from && e.args?.beginData?.frame === frameTree.frame.id)
    .map((e) => ({ partial: e.args!.beginData!.partialLayout === true, roots: (e.args!.endData?.layoutRoots ?? []).map((r) => r.nodeName), dirty: e.args!.beginData!.dirtyObjects ?? 0 }));
}

describe("a slider step lays out only the boxes it changes", () => {
  const cases = [
    { name: "desktop 1280×900", viewport: { width: 1280, height: 900 }, search: "", phone: false },
    { name: "desktop 1280×900, English", viewport: { width: 1280, height: 900 }, search: "?lang=en", phone: false },
    { name: "WeChat phone 390×844 (the dock in view)", viewport: { width: 390, height: 844 }, search: "", phone: true },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const context = await browser.newContext({ viewport: c.viewport, locale: "zh-CN", ...(c.phone ? { userAgent: WECHAT_UA, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}) });
      const page = await context.newPage();
      await openSimulator(page, base, c.search);
      if (c.phone) await page.locator(SLIDER).evaluate((e) => e.scrollIntoView({ block: "center" }));
      await page.waitForTimeout(500);
      // Steps that leave the doubling and catch-up years as they are: a year that changes is
      // laid out from the page's root (its line may hold a probability too, and wrap).
      const years = () => page.evaluate(() => ["#result-doubling-year", "#result-catchup-year"].map((s) => document.querySelector(s)!.textContent));
      let yearsBefore: (string | null)[] = [];
      // A first step may lay out more (a view coming to life); the drag's steps are what counts.
      const layouts = await layoutsDuringSteps(page, 7.4, [7.5, 7.6, 7.7, 7.8, 7.9, 8], async () => {
        yearsBefore = await years();
      });
      expect(await years(), "the steps changed a year: pick others").toEqual(yearsBefore);
      // Every step changed the figures: each had a layout of its own.
      expect(layouts.length).toBeGreaterThanOrEqual(6);
      for (const l of layouts) {
        expect(l.roots, `a layout of ${l.dirty} boxes from ${l.roots.join(", ")}`).not.toContain("#document");
        expect(l.partial).toBe(true);
      }
      await context.close();
    });
  }
});

/** A scenario far from the plan: growth at the schema's ceiling, so the figures run to many digits. */
function extremeScenario(): Scenario {
  const copy = structuredClone(defaultScenario);
  copy.inputs.gdpRealGrowth.periods = [30, 30, 30];
  copy.inputs.gdpDeflator.periods = [20, 20, 20];
  copy.inputs.urbanIncomeGrowth.periods = [30, 30, 30];
  const r = validateScenario(copy);
  if (!r.ok) throw new Error(`test scenario is invalid: ${r.error.message}`);
  return r.scenario;
}

interface Placed {
  id: string;
  text: string;
  contained: boolean;
  /** The text's box against its card's padding box and against the next figure's text (px). */
  left: number;
  right: number;
  cardLeft: number;
  cardRight: number;
  bottom: number;
  /** The next figure's text box (on the same line, or wrapped below). */
  next: { left: number; top: number } | null;
}

/** Where each key figure's text is drawn, and the card around it. */
function placedFigures(page: Page): Promise<Placed[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>(".figure-card dd")].map((dd) => {
      const textBox = (el: Element) => {
        const r = document.createRange();
        r.selectNodeContents(el);
        return r.getBoundingClientRect();
      };
      const card = dd.closest(".figure-card")!;
      const cs = getComputedStyle(card);
      const box = card.getBoundingClientRect();
      const t = textBox(dd);
      const next = dd.parentElement!.nextElementSibling?.querySelector("dd");
      return {
        id: dd.id,
        text: dd.textContent ?? "",
        contained: getComputedStyle(dd).contain.includes("size"),
        left: t.left,
        right: t.right,
        cardLeft: box.left + parseFloat(cs.borderLeftWidth),
        cardRight: box.right - parseFloat(cs.borderRightWidth),
        bottom: t.bottom,
        next: next ? { left: textBox(next).left, top: textBox(next).top } : null,
      };
    }),
  );
}

describe("key figures show whole in their boxes", () => {
  const extreme = `s=${encodeScenario(extremeScenario())}`;
  const cases: { viewport: { width: number; height: number }; lang: Lang; boxed: boolean }[] = [
    // `boxed`: the plan's figures sit in fixed boxes (cards wide enough for two side by side).
    { viewport: { width: 360, height: 740 }, lang: "zh", boxed: true },
    { viewport: { width: 390, height: 844 }, lang: "zh", boxed: true },
    { viewport: { width: 390, height: 844 }, lang: "en", boxed: false },
    { viewport: { width: 1024, height: 768 }, lang: "en", boxed: false },
    { viewport: { width: 1280, height: 900 }, lang: "zh", boxed: true },
    { viewport: { width: 1280, height: 900 }, lang: "en", boxed: true },
    // Four cards in a row: too narrow for the boxes.
    { viewport: { width: 1700, height: 900 }, lang: "zh", boxed: false },
    { viewport: { width: 1700, height: 900 }, lang: "en", boxed: false },
  ];
  for (const c of cases) {
    it(`${c.viewport.width}×${c.viewport.height}, ${c.lang}: the plan's scenario and one of 30 % growth`, async () => {
      const context = await browser.newContext({ viewport: c.viewport, locale: "zh-CN" });
      const page = await context.newPage();
      const lang = c.lang === "en" ? "lang=en" : "";
      let boxedInPlan = 0;
      for (const [which, search] of [["plan", lang], ["extreme", [extreme, lang].filter(Boolean).join("&")]] as const) {
        await openSimulator(page, base, search ? `?${search}` : "", { everyPart: false });
        const figures = await placedFigures(page);
        expect(figures).toHaveLength(8);
        for (const f of figures) {
          const where = `${which}: ${f.id} "${f.text}"`;
          expect(f.left, where).toBeGreaterThanOrEqual(f.cardLeft - 0.5);
          expect(f.right, where).toBeLessThanOrEqual(f.cardRight + 0.5);
          if (f.next) expect(f.right <= f.next.left || f.bottom <= f.next.top, `${where} runs into the next figure`).toBe(true);
        }
        // A figure too long for a fixed box: all leave theirs for widths of their own.
        if (figures.some((f) => f.text.length > FIGURE_BOX_CHARS[c.lang])) expect(figures.filter((f) => f.contained)).toEqual([]);
        if (which === "plan") boxedInPlan = figures.filter((f) => f.contained).length;
      }
      expect(boxedInPlan).toBe(c.boxed ? 8 : 0);
      await context.close();
    });
  }
});
