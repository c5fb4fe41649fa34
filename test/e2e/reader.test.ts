// A reader's path through the site in headless Chromium, on a phone-sized screen.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchChromium } from "../helpers/browser";
import { movesWhileArriving } from "../helpers/partial-html";
import { contentChapters } from "../helpers/site";

const base = inject("baseUrl");
const chapters = contentChapters();
const numbered = chapters.filter((c) => c.number > 0);
// A chapter with several sections, to follow a deep link further down the page.
const target = numbered.find((c) => c.sections.length >= 3) ?? numbered[0]!;
const PHONE = { width: 360, height: 740 };

/** Whether the element's top edge is inside the viewport. */
async function headingInView(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= -1 && r.top < window.innerHeight - 20 && r.bottom > 0;
  });
}

describe("reader", () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    context = await browser.newContext({ viewport: PHONE, locale: "zh-CN", reducedMotion: "reduce" });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("goes from the home page to a chapter by its link", async () => {
    const res = await page.goto(`${base}/`);
    expect(res?.status()).toBe(200);
    await page.locator(`main a[href="/plan/${target.slug}/"]`).first().click();
    await page.waitForURL(`${base}/plan/${target.slug}/`);
    await expect.poll(() => page.locator("h1").innerText()).toContain(target.title);
  });

  it("follows a section link of the chapter's table of contents to the heading", async () => {
    const section = target.sections.at(-1)!;
    await page.locator(`nav.chapter-toc a[href="#${section.id}"]`).click();
    await expect.poll(() => new URL(page.url()).hash).toBe(`#${section.id}`);
    await expect.poll(() => headingInView(page, `#${section.id}`)).toBe(true);
  });

  it("opens a section deep link from another page with the heading in view", async () => {
    const section = target.sections[1]!;
    await page.goto(`${base}/`);
    await page.goto(`${base}/plan/${target.slug}/#${section.id}`);
    await expect.poll(() => headingInView(page, `#${section.id}`)).toBe(true);
    // The heading carries its own link, so a reader can copy the address of the section.
    const anchor = page.locator(`#${section.id} a.section-anchor`);
    expect(await anchor.getAttribute("href")).toBe(`#${section.id}`);
    await anchor.focus();
    expect(await anchor.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe("none");
  });

  it("searches a Chinese word from the header box and opens a result", async () => {
    const term = "康养";
    const withTerm = chapters.filter((c) => c.body.includes(term)).map((c) => `/plan/${c.slug}/`);
    expect(withTerm.length).toBeGreaterThan(0);
    await page.goto(`${base}/plan/${target.slug}/`);
    const box = page.getByRole("search").first().getByRole("searchbox");
    await box.fill(term);
    await box.press("Enter");
    await page.waitForURL((u) => u.pathname === "/search/" && u.searchParams.get("q") === term);
    const results = page.locator("#search-results a");
    await results.first().waitFor({ timeout: 15_000 });
    expect(await page.locator("#search-status").innerText()).toContain(term);
    const hrefs = await results.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute("href") ?? ""));
    const hit = hrefs.find((h) => withTerm.includes(new URL(h, base).pathname));
    expect(hit, `results: ${hrefs.join(" ")}`).toBeDefined();
    await page.locator(`#search-results a[href="${hit}"]`).first().click();
    await page.waitForURL((u) => u.pathname === new URL(hit!, base).pathname);
    expect(await page.locator("main").innerText()).toContain(term);
  });

  it("shows the 404 page with status 404, a search box and a way home", async () => {
    const res = await page.goto(`${base}/plan/no-such-chapter/`);
    expect(res?.status()).toBe(404);
    expect(await page.locator("h1").innerText()).toBe("页面不存在");
    expect(await page.getByRole("search").count()).toBeGreaterThan(0);
    await page.locator('main a[href="/"]').click();
    await page.waitForURL(`${base}/`);
  });

  it("has no horizontal scroll at 360 px on any chapter, the table of contents or the indicators", async () => {
    const wide: string[] = [];
    for (const path of [...chapters.map((c) => `/plan/${c.slug}/`), "/plan/", "/indicators/", "/", "/about/"]) {
      await page.goto(`${base}${path}`);
      const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      if (scroll > client) wide.push(`${path}: ${scroll} > ${client}`);
    }
    expect(wide).toEqual([]);
  });

  it("reaches the main content with the skip link", async () => {
    await page.goto(`${base}/plan/${target.slug}/`);
    await page.keyboard.press("Tab");
    const skip = page.locator(":focus");
    expect(await skip.innerText()).toBe("跳到正文");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("main");
  });

  it("prints a chapter without the site's navigation, search, footer or pager, keeping its boxes", async () => {
    const withBox = chapters.find((c) => c.number > 0 && /^:::box /m.test(c.body))!;
    await page.goto(`${base}/plan/${withBox.slug}/`);
    await page.emulateMedia({ media: "print" });
    try {
      const shown = (selector: string) => page.locator(selector).first().evaluate((el) => getComputedStyle(el).display !== "none");
      expect(await shown(".site-header nav")).toBe(false);
      expect(await shown("form[role=search]")).toBe(false);
      expect(await shown("footer")).toBe(false);
      expect(await shown(".chapter-pager")).toBe(false);
      expect(await shown("h1")).toBe(true);
      expect(await shown(".box")).toBe(true);
    } finally {
      await page.emulateMedia({ media: "screen" });
    }
  });

  // The phones' case is in reader-phone.test.ts. Wider, the title shares its row with the search
  // box (from 28em) and the menu (from 60em); a tablet puts the menu on a row of its own.
  for (const width of [1280, 1024, 800, 500]) {
    it(`${width} px: the header and the chapter's heading drawn while the HTML is still arriving already sit where they stay`, async () => {
      const r = await movesWhileArriving(
        browser,
        { viewport: { width, height: 900 }, locale: "zh-CN" },
        `${base}/plan/${target.slug}/`,
        { from: '<header class="site-header', to: "</h1>" },
        ".site-header .header-inner *, main, main .chapter-header *",
      );
      expect(r.drawn).toBeGreaterThan(10);
      expect(r.moved).toEqual([]);
    });
  }
});
