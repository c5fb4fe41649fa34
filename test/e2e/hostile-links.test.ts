// Hostile simulator links in Chromium: keys named like Object.prototype members, and fields the
// schema used to drop silently, open a working page that says what was wrong, and the address
// follows the state afterwards. (The page used to throw `"undefined" is not valid JSON` and never
// get ready on `{"v":1,"constructor":1}`.)
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchChromium } from "../helpers/browser";
import { decodeScenario, defaultScenario } from "../../src/lib/scenario";
import { rawLink, withKey } from "../helpers/hostile";

const base = inject("baseUrl");

function planWith(edit: (s: Record<string, any>) => void): string {
  const s = JSON.parse(JSON.stringify(defaultScenario));
  edit(s);
  return JSON.stringify(s);
}

const LINKS: { name: string; link: string; path: string }[] = [
  // The two links of the review, byte for byte.
  { name: "constructor (review link)", link: "1.q1YqU7Iy1FFKzs8rLikqTS7JL1KyMqwFAA", path: "constructor" },
  { name: "toString (review link)", link: "1.q1YqU7Iy1FEqyQ8uKcrMS1eyMqwFAA", path: "toString" },
  { name: "valueOf", link: rawLink('{"v":1,"valueOf":1}'), path: "valueOf" },
  { name: "hasOwnProperty", link: rawLink('{"v":1,"hasOwnProperty":1}'), path: "hasOwnProperty" },
  { name: "inputs.constructor", link: rawLink(withKey(["inputs"], "constructor", 1)), path: "inputs.constructor" },
  { name: "view.toString", link: rawLink(withKey(["view"], "toString", 1)), path: "view.toString" },
  { name: "montecarlo.sd.valueOf", link: rawLink(withKey(["montecarlo", "sd"], "valueOf", 1)), path: "montecarlo.sd.valueOf" },
  { name: "__proto__ at the top", link: rawLink(withKey([], "__proto__", { polluted: 1 })), path: "__proto__" },
  { name: "years.__proto__", link: rawLink(withKey(["inputs", "cpi", "years"], "__proto__", 999)), path: "inputs.cpi.years.__proto__" },
  {
    name: "a fourth period",
    link: rawLink(planWith((s) => (s.inputs.gdpRealGrowth.periods = [7, 6, 5, 4]))),
    path: "inputs.gdpRealGrowth.periods.3",
  },
];

describe("hostile simulator links", () => {
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN" });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each(LINKS)("$name: the page gets ready, names the field, and the address follows the state", async ({ link, path }) => {
    const page: Page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    try {
      const res = await page.goto(`${base}/simulate/?s=${link}`);
      expect(res?.status()).toBe(200);
      await page.waitForSelector("html[data-simulator=ready]", { timeout: 20_000 });
      const notice = page.locator("#link-notice");
      await notice.waitFor();
      expect(await notice.innerText()).toContain(path);
      expect(errors).toEqual([]);
      expect(await page.evaluate(() => (({}) as Record<string, unknown>).polluted)).toBeUndefined();

      // The page works and writes its state to the address again.
      await page.locator("#in-gdpRealGrowth-1-range").evaluate((el) => {
        const input = el as HTMLInputElement;
        input.value = "3";
        input.dispatchEvent(new Event("input", { bubbles: true }));
        input.dispatchEvent(new Event("change", { bubbles: true }));
      });
      await expect.poll(() => new URL(page.url()).searchParams.get("s"), { timeout: 5_000 }).not.toBe(link);
      const s = new URL(page.url()).searchParams.get("s");
      expect(s).not.toBeNull();
      const decoded = decodeScenario(s!);
      expect(decoded.ok).toBe(true);
      if (decoded.ok) expect(decoded.scenario.inputs.gdpRealGrowth.periods[1]).toBe(3);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
