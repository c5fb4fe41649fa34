// Steps the simulator's browser suites share: open the page and wait for the island, read a
// figure, drag a slider, read the scenario back from the address.
import { expect } from "vitest";
import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { decodeScenario, defaultScenario, type Scenario } from "../../src/lib/scenario";

/** WeChat's built-in browser on Android, as the phone suites open the site. */
export const WECHAT_UA =
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36 MicroMessenger/8.0.50.2701(0x28003237) NetType/WIFI Language/zh_CN";

/**
 * Opens /simulate/ and waits for the link's state. Unless `everyPart` is false, also brings the
 * parts below the first screen to life the way a reader does, by scrolling (they hydrate when
 * the page is first scrolled or they near the viewport), and returns to the top.
 */
export async function openSimulator(page: Page, base: string, search = "", { everyPart = true } = {}): Promise<void> {
  const res = await page.goto(`${base}/simulate/${search}`);
  expect(res?.status()).toBe(200);
  await page.waitForSelector("html[data-simulator=ready]");
  if (everyPart) await everyPartLive(page);
}

/** Scrolls as a reader would, so that the parts below the first screen hydrate; waits for them. */
export async function everyPartLive(page: Page): Promise<void> {
  const y = await page.evaluate(() => window.scrollY);
  await page.evaluate(() => window.scrollBy(0, 1));
  await page.waitForSelector("html[data-simulator-parts=all]");
  await page.evaluate((top) => window.scrollTo(0, top), y);
}

export const text = (page: Page, selector: string) => page.locator(selector).innerText();

/** Sets a range input the way a drag does: value, then input events, then change. */
export async function drag(page: Page, selector: string, values: number[]): Promise<void> {
  await page.locator(selector).evaluate((el, vs) => {
    const input = el as HTMLInputElement;
    for (const v of vs) {
      input.value = String(v);
      input.dispatchEvent(new Event("input", { bubbles: true }));
    }
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }, values);
}

/** Waits for two animation frames: what a step changed has been rendered. */
export const twoFrames = (page: Page) => page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));

/** One step of a drag: the slider moves to `value` (an input event, no change event yet). */
export async function dragStep(page: Page, selector: string, value: number): Promise<void> {
  await page.locator(selector).evaluate((el, v) => {
    (el as HTMLInputElement).value = String(v);
    el.dispatchEvent(new Event("input", { bubbles: true }));
  }, value);
}

/**
 * Opens the comparison and pins two scenarios: the plan as it opens ("规划"), then the preset
 * "cautious" under `cautiousName`.
 */
export async function pinPlanAndCautious(page: Page, cautiousName: string): Promise<void> {
  await page.click("#compare-panel > summary");
  await page.fill("#pin-name", "规划");
  await page.click("#pin-button");
  await page.selectOption("#preset-select", "cautious");
  await page.fill("#pin-name", cautiousName);
  await page.click("#pin-button");
}

export function scenarioFromUrl(url: string): Scenario {
  const s = new URL(url).searchParams.get("s");
  if (!s) return defaultScenario;
  const r = decodeScenario(s);
  if (!r.ok) throw new Error(`URL holds no valid scenario: ${r.error.message}`);
  return r.scenario;
}

/**
 * Watches the scripts a page fetches; the returned function lists those among them that carry
 * `marker` (a message of the module looked for), read from the built site in dist/.
 */
export function watchChunksWith(page: Page, marker: string): () => Promise<string[]> {
  const scripts = new Set<string>();
  page.on("request", (r) => {
    if (r.resourceType() === "script") scripts.add(new URL(r.url()).pathname);
  });
  return async () => {
    const out: string[] = [];
    for (const s of scripts) if ((await readFile(`dist${s}`, "utf8")).includes(marker)) out.push(s);
    return out;
  };
}

/** The share-link codec's chunks a page fetched (the ones that carry its decoder's message). */
export const watchCodecChunks = (page: Page) => watchChunksWith(page, "not a scenario link");
