// The reading pages on phones (issue 8 items 4, 6, 8; issue 10 item 7): tables that read at
// 360–430 px and print whole, search that lists sections, deep links that land at once, and the
// indicator charts grouped by unit. Expectations come from content/, never from the pages.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchChromium } from "../helpers/browser";
import { shortLastLines } from "../helpers/last-lines";
import { WECHAT_UA } from "../helpers/simulator-page";
import { movesWhileArriving } from "../helpers/partial-html";
import { contentChapters } from "../helpers/site";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../content/content-files";

const base = inject("baseUrl");
const chapters = contentChapters();
const PHONES = [
  { name: "390×844 WeChat", viewport: { width: 390, height: 844 }, userAgent: WECHAT_UA },
  { name: "360×740", viewport: { width: 360, height: 740 }, userAgent: undefined },
];
const TABLE_PAGES = ["/indicators/", "/about/"];

interface IndicatorJson {
  rows: Array<{ id: string; name: string; unit: string }>;
}
const indicatorTable = (name: string): IndicatorJson => JSON.parse(readFileSync(join(ROOT, "content/indicators", `${name}.json`), "utf8")) as IndicatorJson;

/**
 * Numbers and Latin words in table cells that the browser laid out on more than one line: each
 * run of digits (with its decimal point, commas, %) or of Latin letters is a DOM Range, and its
 * client rects must all share one line.
 */
function splitRuns(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const runs = /\d[\d.,%]*\d%?|\d%?|[A-Za-z]{2,}/g;
    for (const cell of document.querySelectorAll("main table td, main table th")) {
      if (cell.getClientRects().length === 0) continue; // not shown (card layout hides a few)
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? "";
        for (const m of text.matchAll(runs)) {
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.bottom)));
          if (lines.size > 1) out.push(`"${m[0]}" in "${text.trim().slice(0, 40)}" on ${lines.size} lines`);
        }
      }
    }
    return out;
  });
}

describe("reading pages on phones", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const phone of PHONES) {
    describe(phone.name, () => {
      let context: BrowserContext;
      let page: Page;
      beforeAll(async () => {
        context = await browser.newContext({ viewport: phone.viewport, userAgent: phone.userAgent, locale: "zh-CN", isMobile: true, hasTouch: true });
        page = await context.newPage();
      });
      afterAll(async () => {
        await context?.close();
      });

      it("the site header drawn while its HTML is still arriving already has each part where it stays", async () => {
        const options = { viewport: phone.viewport, userAgent: phone.userAgent, locale: "zh-CN", isMobile: true, hasTouch: true };
        const r = await movesWhileArriving(browser, options, `${base}/plan/new-journey/`, { from: '<header class="site-header', to: "</header>" }, ".site-header .header-inner *");
        expect(r.drawn).toBeGreaterThan(8);
        expect(r.moved).toEqual([]);
      });

      /** One-character last lines on the three longest chapters (the most blocks that wrap), with `css` added. */
      async function shortLastLinesOfLongest(css?: string): Promise<string[]> {
        const longest = [...chapters].sort((a, b) => b.body.length - a.body.length).slice(0, 3);
        const found: string[] = [];
        for (const chapter of longest) {
          await page.goto(`${base}/plan/${chapter.slug}/`);
          if (css) await page.addStyleTag({ content: css });
          found.push(...(await shortLastLines(page, "main p, main li, main h1, main h2, main h3")));
        }
        return found;
      }

      it("no wrapped paragraph or heading of a chapter ends in a line of one character", async () => {
        expect(await shortLastLinesOfLongest()).toEqual([]);
      });

      it("nor in a browser without text-wrap: pretty (WeChat's WebView on older phones)", async () => {
        // Greedy wrapping, as Chrome before 117 and Safari before 26 do: the last two characters
        // are kept together by the page itself (src/markdown/last-line.ts).
        expect(await shortLastLinesOfLongest("* { text-wrap-style: auto !important; }")).toEqual([]);
      });

      for (const path of TABLE_PAGES) {
        it(`${path}: no number or Latin word in a table is split across lines`, async () => {
          await page.goto(`${base}${path}`);
          const cells = await page.locator("main table td").count();
          expect(cells).toBeGreaterThan(20);
          expect(await splitRuns(page)).toEqual([]);
        });

        it(`${path}: every table is a list of cards, each naming its row, with no cell a character or two wide`, async () => {
          await page.goto(`${base}${path}`);
          const report = await page.evaluate(() =>
            [...document.querySelectorAll("main .table-cards")].map((box) => {
              const rows = [...box.querySelectorAll("tbody tr:not(.card-group)")];
              const narrow = [...box.querySelectorAll("td, th")]
                // Column headings are for screen readers in the card layout (each cell carries its label).
                .filter((c) => !c.closest("thead") && c.getClientRects().length > 0 && (c.textContent ?? "").trim().length >= 4)
                .filter((c) => c.getBoundingClientRect().width < 3 * parseFloat(getComputedStyle(c).fontSize))
                .map((c) => (c.textContent ?? "").trim().slice(0, 20));
              return {
                grid: rows.every((r) => getComputedStyle(r).display === "grid"),
                // The row's label (its th) is on the card, visible.
                titled: rows.every((r) => {
                  const th = r.querySelector("th");
                  return th !== null && th.getBoundingClientRect().height > 0;
                }),
                rows: rows.length,
                narrow,
                overflow: box.scrollWidth > box.clientWidth + 1,
              };
            }),
          );
          expect(report.length).toBeGreaterThan(0);
          for (const t of report) expect(t).toEqual({ grid: true, titled: true, rows: t.rows, narrow: [], overflow: false });
        });
      }

      it("searching 康养 lists the chapter section about 康养 with its own link, terms highlighted whole", async () => {
        const term = "康养";
        const sections = chapters.flatMap((c) => c.sections.filter((s) => s.title.includes(term)).map((s) => ({ href: `/plan/${c.slug}/#${s.id}`, title: s.title })));
        expect(sections.length, "content/ has a section titled with 康养").toBeGreaterThan(0);
        await page.goto(`${base}/search/?q=${encodeURIComponent(term)}`);
        await page.locator("#search-results a").first().waitFor({ timeout: 15_000 });
        for (const s of sections) {
          const link = page.locator(`#search-results a[href="${s.href}"]`);
          expect(await link.count(), `${s.href} listed`).toBe(1);
          expect(await link.innerText()).toContain(s.title);
        }
        // Chapters that mention the word in several sections list each of them.
        const multi = chapters.find((c) => c.sections.filter((s) => new RegExp(`{#${s.id}}[\\s\\S]*?(?=\\n## |$)`).exec(c.body)?.[0].includes(term)).length >= 2)!;
        expect(multi).toBeDefined();
        const perSection = multi.sections.filter((s) => new RegExp(`{#${s.id}}[\\s\\S]*?(?=\\n## |$)`).exec(multi.body)?.[0].includes(term));
        for (const s of perSection) expect(await page.locator(`#search-results a[href="/plan/${multi.slug}/#${s.id}"]`).count(), `${multi.slug}#${s.id}`).toBe(1);
        const marks = await page.locator("#search-results mark").allInnerTexts();
        expect(marks.length).toBeGreaterThan(0);
        expect(new Set(marks)).toEqual(new Set([term]));
      });

      it("a deep link to a section is at its heading immediately after load, with no glide afterwards", async () => {
        const chapter = chapters.filter((c) => c.sections.length >= 3).at(-1)!;
        const section = chapter.sections.at(-1)!;
        await page.goto(`${base}/`);
        // Motion allowed: the reader's default, where smooth scrolling used to glide for seconds.
        await page.emulateMedia({ reducedMotion: "no-preference" });
        await page.goto(`${base}/plan/${chapter.slug}/#${section.id}`, { waitUntil: "load" });
        const top = () => page.locator(`#${section.id}`).evaluate((el) => Math.round(el.getBoundingClientRect().top));
        const first = await top();
        expect(first).toBeGreaterThanOrEqual(0);
        expect(first).toBeLessThan(80);
        await page.waitForTimeout(600);
        expect(await top()).toBe(first);
        await page.emulateMedia({ reducedMotion: null });
      });
    });
  }

  it("a table too wide for its box keeps its row labels in view while scrolling sideways, with a hint", async () => {
    // Wider than the card breakpoint, narrower than 专栏1: the table scrolls inside its box.
    const context = await browser.newContext({ viewport: { width: 700, height: 900 }, locale: "zh-CN" });
    try {
      const page = await context.newPage();
      await page.goto(`${base}/indicators/`);
      const box = page.locator(".table-scroll").filter({ has: page.locator("#table-thirteenth-plan") });
      // In view, as a reader meets it (the tables are laid out only as they near the screen,
      // in the frame after they do).
      await box.scrollIntoViewIfNeeded();
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      const scrollable = await box.evaluate((b) => b.scrollWidth > b.clientWidth);
      expect(scrollable).toBe(true);
      expect(await box.locator(".scroll-hint").isVisible()).toBe(true);
      const first = indicatorTable("thirteenth-plan").rows[0]!;
      const label = box.locator(`tr#thirteenth-plan-${first.id} th`);
      expect(await label.innerText()).toContain(first.name);
      const cell = box.locator(`tr#thirteenth-plan-${first.id} td.year`).first();
      const left = () => Promise.all([label, cell].map((l) => l.evaluate((el) => el.getBoundingClientRect().left)));
      const [labelBefore, cellBefore] = await left();
      await box.evaluate((b) => (b.scrollLeft = b.scrollWidth));
      const [labelAfter, cellAfter] = await left();
      expect(labelAfter).toBe(labelBefore);
      // The data cells of the same row did move under it.
      expect(cellAfter!).toBeLessThan(cellBefore!);
    } finally {
      await context.close();
    }
  });

  it("prints every column of 专栏1 and 专栏2 inside the page width", async () => {
    // A4 less the 16 mm side margins of print.css, at 96 px per inch.
    const width = Math.floor(((210 - 2 * 16) / 25.4) * 96);
    const context = await browser.newContext({ viewport: { width, height: 1000 }, locale: "zh-CN" });
    try {
      const page = await context.newPage();
      const withBox1 = chapters.find((c) => c.body.includes("{table=thirteenth-plan}"));
      for (const path of ["/indicators/", ...(withBox1 ? [`/plan/${withBox1.slug}/`] : [])]) {
        await page.goto(`${base}${path}`);
        await page.emulateMedia({ media: "print" });
        const tables = await page.evaluate(() =>
          [...document.querySelectorAll("main table")].map((t) => ({
            id: t.id,
            right: Math.ceil(t.getBoundingClientRect().right),
            cols: t.querySelectorAll("thead th").length,
            shown: [...t.querySelectorAll("thead th")].filter((th) => th.getBoundingClientRect().right <= document.documentElement.clientWidth + 1).length,
          })),
        );
        expect(tables.length, path).toBeGreaterThan(0);
        for (const t of tables) {
          expect(t.right, `${path} ${t.id}`).toBeLessThanOrEqual(width);
          expect(t.shown, `${path} ${t.id}`).toBe(t.cols);
        }
        await page.emulateMedia({ media: "screen" });
      }
    } finally {
      await context.close();
    }
  });

  it("/indicators/ charts group indicators by unit: the price index shares no axis with percentages, legible at 360 px", async () => {
    const t13 = indicatorTable("thirteenth-plan");
    const t14 = indicatorTable("fourteenth-plan");
    const cpi = t13.rows.find((r) => r.name.includes("居民消费价格指数"))!;
    const percentNames = [...t13.rows, ...t14.rows].filter((r) => r.unit === "%" && r !== cpi).map((r) => r.name);
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "zh-CN" });
    try {
      const page = await context.newPage();
      await page.goto(`${base}/indicators/`);
      const groups = await page.locator("section.group").evaluateAll((gs) =>
        gs.map((g) => ({
          heading: g.querySelector("h3")?.textContent ?? "",
          names: [...g.querySelectorAll(".multiple .name")].map((a) => a.textContent?.trim() ?? ""),
        })),
      );
      const withCpi = groups.find((g) => g.names.includes(cpi.name));
      expect(withCpi, "the CPI is charted").toBeDefined();
      expect(withCpi!.names.filter((n) => percentNames.includes(n))).toEqual([]);
      expect(withCpi!.heading).toContain("100");
      // Money is labelled with its price basis.
      const money = groups.find((g) => g.heading.includes("亿元"));
      expect(money?.heading).toContain("当年价格");
      // An indicator both tables give shows 2015, 2020 and the 2025 target.
      const both = t13.rows.find((r) => r.unit === "%" && t14.rows.some((s) => s.id === r.id && s.name === r.name))!;
      const card = page.locator(".multiple", { has: page.locator(".name", { hasText: both.name }) }).first();
      expect((await card.locator(".year").allInnerTexts()).map((t) => t.replace(/\s+/g, ""))).toEqual(["2015", "2020", "2025目标"]);
      // Legible: value labels at least 12 px, nothing wider than the screen, no value clipped by
      // its card. Groups below the first screen are laid out only as they near it
      // (content-visibility), so each is measured in view, as a reader scrolling down sees it.
      const worst = await page.evaluate(async () => {
        let small = Infinity;
        let clipped = 0;
        let seen = 0;
        for (const group of document.querySelectorAll("section.group")) {
          group.scrollIntoView();
          await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
          for (const v of group.querySelectorAll<HTMLElement>(".multiple .value")) {
            seen++;
            small = Math.min(small, parseFloat(getComputedStyle(v).fontSize));
            const card = v.closest(".multiple")!.getBoundingClientRect();
            const r = v.getBoundingClientRect();
            if (r.left < card.left || r.right > card.right || r.top < card.top) clipped++;
          }
        }
        return { small, clipped, seen, wide: document.documentElement.scrollWidth > document.documentElement.clientWidth };
      });
      expect(worst.seen).toBeGreaterThan(40);
      expect(worst.small).toBeGreaterThanOrEqual(12);
      expect(worst).toEqual({ small: worst.small, clipped: 0, seen: worst.seen, wide: false });
    } finally {
      await context.close();
    }
  });
});
