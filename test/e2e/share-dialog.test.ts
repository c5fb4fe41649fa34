// The share dialog on /simulate/ in headless Chromium, against the real share API (workerd + D1
// started by test/setup/server.ts): creating a short link and opening it, the long-URL fallback
// when the API fails, copying, the poster, validation, and keyboard behaviour.
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";
import { launchChromium } from "../helpers/browser";
import { everyPartLive, WECHAT_UA } from "../helpers/simulator-page";
import { canonicalJson, decodeScenario, defaultScenario, encodeScenario, validateScenario, type Scenario } from "../../src/lib/scenario";

const base = inject("baseUrl");

/** The plan scenario with a different first-period growth rate: something worth sharing. */
function scenarioWithGrowth(first: number): Scenario {
  const copy = structuredClone(defaultScenario);
  copy.inputs.gdpRealGrowth.periods[0] = first;
  const r = validateScenario(copy);
  if (!r.ok) throw new Error(`test scenario is invalid: ${r.error.message}`);
  return r.scenario;
}

const canonical = (s: unknown) => {
  const r = validateScenario(s);
  if (!r.ok) throw new Error(`not a valid scenario: ${r.error.message}`);
  return canonicalJson(r.scenario);
};

async function openSimulator(page: Page, search: string): Promise<void> {
  const res = await page.goto(`${base}/simulate/${search}`);
  expect(res?.status()).toBe(200);
  // Set by the island once it has read the URL and taken over the page.
  await page.waitForSelector("html[data-simulator=ready]");
  await everyPartLive(page);
}

async function openDialog(page: Page): Promise<void> {
  await page.click("#share-button");
  await page.waitForSelector("dialog.share-dialog[open]");
}

/** Clicks "创建短链接" and returns the JSON the page sent to the API. */
async function submitAndCapture(page: Page): Promise<{ scenario: unknown; title?: string; note?: string }> {
  const [request] = await Promise.all([page.waitForRequest((r) => r.url().endsWith("/api/scenarios") && r.method() === "POST"), page.click("dialog button[type=submit]")]);
  return request.postDataJSON() as { scenario: unknown; title?: string; note?: string };
}

/** The scenario the simulator currently shows, as it hands it to the share dialog. */
async function scenarioOnScreen(page: Page): Promise<unknown> {
  await openDialog(page);
  // Answer locally: this only reads what the dialog would send, it stores nothing.
  await page.route("**/api/scenarios", (r) => r.fulfill({ status: 503, contentType: "application/json", body: '{"error":"store-unavailable","message":"x"}' }));
  const body = await submitAndCapture(page);
  await page.unroute("**/api/scenarios");
  await page.keyboard.press("Escape");
  return body.scenario;
}

describe("share dialog", () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const shared = scenarioWithGrowth(5.5);
  const sharedSearch = `?s=${encodeScenario(shared)}`;

  beforeAll(async () => {
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1000, height: 900 }, locale: "zh-CN", acceptDownloads: true, reducedMotion: "reduce" });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: base });
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    await page?.close();
    page = await context.newPage();
  });

  it("loads the dialog's code only when the share button is first clicked", async () => {
    const scripts: string[] = [];
    page.on("request", (r) => {
      if (r.resourceType() === "script") scripts.push(new URL(r.url()).pathname);
    });
    await openSimulator(page, "");
    const isDialogChunk = (p: string) => /open-share-dialog/.test(p);
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter(isDialogChunk)).toEqual([]);
    // Nor its styles: they come with its code, not as a stylesheet in the page's head.
    const dialogWidth = () => page.evaluate(() => { const d = document.querySelector("dialog.share-dialog"); return d ? getComputedStyle(d).width : null; });
    expect(await page.locator('link[rel="stylesheet"]').count()).toBe(0);
    await openDialog(page);
    expect(scripts.filter(isDialogChunk)).toHaveLength(1);
    // Styled as its <style> says once open: min(36rem, 100vw - 2rem) of the page's viewport.
    const viewport = page.viewportSize()!.width;
    expect(parseFloat((await dialogWidth())!)).toBeCloseTo(Math.min(36 * 16, viewport - 32), 0);
  });

  it("opens as a labelled modal dialog with focus inside, and Escape closes it and returns focus to the share button", async () => {
    await openSimulator(page, "");
    await openDialog(page);
    const dialog = page.locator("dialog.share-dialog");
    expect(await dialog.evaluate((d) => (d as HTMLDialogElement).matches(":modal"))).toBe(true);
    const labelledBy = await dialog.getAttribute("aria-labelledby");
    expect(await page.locator(`[id="${labelledBy}"]`).innerText()).toBe("分享这个情景");
    expect(await page.evaluate(() => document.activeElement?.closest("dialog") != null)).toBe(true);
    await page.keyboard.press("Escape");
    await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(false);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("share-button");
    // Reopening works, and the close button closes too.
    await openDialog(page);
    await page.getByRole("button", { name: "关闭" }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("share-button");
  });

  it("creates a short link on the real API, copies it, and the link opens the same scenario", async () => {
    await openSimulator(page, sharedSearch);
    await openDialog(page);
    const title = `分享测试 ${crypto.randomUUID().slice(0, 8)} <b>不是HTML</b>`;
    await page.fill("dialog input[name=title]", title);
    await page.fill("dialog textarea[name=note]", "第一行\n第二行");
    expect(await page.locator("dialog .count").first().innerText()).toContain(`${Array.from(title).length}/80`);

    const sent = await submitAndCapture(page);
    expect(sent.title).toBe(title);
    expect(sent.note).toBe("第一行\n第二行");
    expect(canonical(sent.scenario)).toBe(canonicalJson(shared));

    const urlField = page.locator("dialog [data-share-url]");
    await urlField.waitFor();
    const shortUrl = await urlField.inputValue();
    expect(shortUrl).toMatch(new RegExp(`^${base.replace(/[.]/g, "\\.")}/s/[0-9A-Za-z]{10,22}$`));
    expect(await urlField.getAttribute("readonly")).not.toBeNull();
    // The title is shown as text, never as markup.
    expect(await page.locator("dialog .summary-title").innerText()).toBe(title);
    expect(await page.locator("dialog .summary-title b").count()).toBe(0);

    // Copy: the clipboard holds the link and the button says so.
    await page.getByRole("button", { name: "复制链接" }).click();
    await expect.poll(() => page.locator("dialog .url-row button").innerText()).toBe("已复制");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shortUrl);

    // QR code with its caption, and the share intents carrying the link.
    expect(await page.locator('dialog .qr svg[role="img"] path').getAttribute("d")).toMatch(/^M\d+ \d+h\d+v1h-\d+z/);
    expect(await page.locator("dialog .qr figcaption").innerText()).toBe("微信扫一扫打开");
    const weibo = page.getByRole("link", { name: /分享到微博/ });
    const weiboUrl = new URL((await weibo.getAttribute("href"))!);
    expect(weiboUrl.origin + weiboUrl.pathname).toBe("https://service.weibo.com/share/share.php");
    expect(weiboUrl.searchParams.get("url")).toBe(shortUrl);
    expect(weiboUrl.searchParams.get("title")).toBe(title);
    expect(await weibo.getAttribute("target")).toBe("_blank");
    expect(await weibo.getAttribute("rel")).toContain("noopener");
    const qq = new URL((await page.getByRole("link", { name: /分享到QQ/ }).getAttribute("href"))!);
    expect(qq.searchParams.get("url")).toBe(shortUrl);
    // Chinese services first, X last.
    expect(await page.locator("dialog .intents a").evaluateAll((as) => as.map((a) => (a as HTMLElement).dataset.service))).toEqual(["weibo", "qq", "x"]);
    const x = new URL((await page.getByRole("link", { name: /分享到 X/ }).getAttribute("href"))!);
    expect(x.origin + x.pathname).toBe("https://x.com/intent/post");
    expect(x.searchParams.get("url")).toBe(shortUrl);
    expect(x.searchParams.get("text")).toBe(title);

    // The short link serves the simulator, which opens on the shared scenario.
    const other = await context.newPage();
    const res = await other.goto(shortUrl);
    expect(res?.status()).toBe(200);
    await other.waitForSelector("html[data-simulator=ready]");
    expect(await other.locator("#share-button").count()).toBe(1);
    expect(await other.title()).toContain(title);
    expect(canonical(await scenarioOnScreen(other))).toBe(canonicalJson(shared));
    await other.close();
  });

  it("a short link made with uncertainty on opens with uncertainty on (it is part of the stored scenario)", async () => {
    await openSimulator(page, sharedSearch);
    await page.check("#uncertainty-toggle");
    await openDialog(page);
    const sent = await submitAndCapture(page);
    const validated = validateScenario(sent.scenario);
    expect(validated.ok && validated.scenario.view.uncertainty).toBe(true);
    expect(canonical(sent.scenario)).toBe(canonicalJson({ ...shared, view: { ...shared.view, uncertainty: true } }));

    const urlField = page.locator("dialog [data-share-url]");
    await urlField.waitFor();
    const shortUrl = await urlField.inputValue();
    expect(shortUrl).toMatch(/\/s\/[0-9A-Za-z]{10,22}$/);
    expect(shortUrl).not.toContain("u=");

    const other = await context.newPage();
    expect((await other.goto(shortUrl))?.status()).toBe(200);
    await other.waitForSelector("html[data-simulator=ready]");
    await everyPartLive(other);
    expect(await other.isChecked("#uncertainty-toggle")).toBe(true);
    // The fan's companion: the targets table gains its probability column.
    await expect.poll(() => other.locator("table.targets thead th").allInnerTexts()).toContain("达到的概率");
    // The same link without the switch opens without it: the state comes from the stored scenario.
    await other.close();
    await page.keyboard.press("Escape");
    await page.uncheck("#uncertainty-toggle");
    const off = await scenarioOnScreen(page);
    expect(canonical(off)).toBe(canonicalJson(shared));
  });

  it("shows the poster as an image, and downloads it as a 1080×1350 PNG", async () => {
    await openSimulator(page, sharedSearch);
    await openDialog(page);
    await page.click("dialog button[type=submit]");
    await page.locator("dialog [data-share-url]").waitFor();
    await page.getByRole("button", { name: "下载分享海报" }).click();
    const img = page.locator("dialog.poster-view[open] img[data-poster]");
    await img.waitFor();
    expect(await img.getAttribute("src")).toMatch(/^data:image\/png;base64,/);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "下载海报" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^chengqu-scenario-[0-9A-Za-z]+\.png$/);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const png = Buffer.concat(chunks);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.subarray(12, 16).toString("latin1")).toBe("IHDR");
    expect(png.readUInt32BE(16)).toBe(1080);
    expect(png.readUInt32BE(20)).toBe(1350);
    // A real drawing, not an empty canvas: a blank 1080×1350 PNG compresses to a few kB.
    expect(png.length).toBeGreaterThan(30_000);
  });

  it("with the API unreachable, shows the error and offers the long URL, which restores the scenario", async () => {
    await openSimulator(page, sharedSearch);
    await openDialog(page);
    await page.route("**/api/scenarios", (r) => r.abort("connectionrefused"));
    await page.click("dialog button[type=submit]");
    const alert = page.locator("dialog [role=alert]");
    await expect.poll(() => alert.innerText()).toContain("分享服务暂时不可用");
    expect(await alert.innerText()).toContain("长链接");
    // Focus stays on the (now "重试") button, inside the dialog.
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe("重试");

    const longUrl = await page.locator("dialog [data-share-url]").inputValue();
    expect(new URL(longUrl).pathname).toBe("/simulate/");
    const decoded = decodeScenario(new URL(longUrl).searchParams.get("s")!);
    expect(decoded.ok && canonicalJson(decoded.scenario)).toBe(canonicalJson(shared));
    expect(await page.locator("dialog .qr figcaption").innerText()).toBe("微信扫一扫打开");
    await page.unroute("**/api/scenarios");

    const fresh = await context.newPage();
    await fresh.goto(longUrl);
    await fresh.waitForSelector("html[data-simulator=ready]");
    expect(canonical(await scenarioOnScreen(fresh))).toBe(canonicalJson(shared));
    await fresh.close();
  });

  it("maps a 503 and a 429 to their messages, and a title refused by the API to the title field", async () => {
    await openSimulator(page, sharedSearch);
    await openDialog(page);
    const answers: { status: number; body: object; headers: Record<string, string> }[] = [
      { status: 503, body: { error: "store-unavailable", message: "x" }, headers: { "retry-after": "30" } },
      { status: 429, body: { error: "rate-limited", message: "x" }, headers: { "retry-after": "120" } },
      { status: 400, body: { error: "invalid", message: "x", field: "title" }, headers: {} },
    ];
    let next = 0;
    await page.route("**/api/scenarios", (r) => {
      const a = answers[next++]!;
      return r.fulfill({ status: a.status, contentType: "application/json", headers: a.headers, body: JSON.stringify(a.body) });
    });
    const alert = page.locator("dialog [role=alert]");
    await page.click("dialog button[type=submit]");
    await expect.poll(() => alert.innerText()).toContain("分享服务暂时不可用");
    expect(await page.locator("dialog [data-share-url]").inputValue()).toContain("/simulate/?s=");

    await page.click("dialog button[type=submit]");
    await expect.poll(() => alert.innerText()).toContain("创建太频繁，请稍后再试");
    expect(await alert.innerText()).toContain("120");

    await page.fill("dialog input[name=title]", "标题");
    await page.click("dialog button[type=submit]");
    const titleInput = page.locator("dialog input[name=title]");
    await expect.poll(() => titleInput.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await titleInput.getAttribute("aria-describedby"))!.split(" ");
    const errorText = await page.locator(`[id="${describedBy.at(-1)}"]`).innerText();
    expect(errorText).toBe("分享服务不接受这个标题，请修改后重试。");
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe("title");
    // A refused title is the reader's to fix: no long-URL fallback for it.
    expect(await page.locator("dialog [data-share-url]").count()).toBe(0);
    expect(next).toBe(3);
  });

  it("shows progress while creating and gives up after the timeout", async () => {
    await openSimulator(page, sharedSearch);
    await openDialog(page);
    // Never answers: the dialog's own timeout (10 s) has to end the wait.
    await page.route("**/api/scenarios", () => undefined);
    await page.click("dialog button[type=submit]");
    const form = page.locator("dialog form");
    await expect.poll(() => form.getAttribute("aria-busy")).toBe("true");
    expect(await page.locator("dialog button[type=submit]").getAttribute("aria-disabled")).toBe("true");
    expect(await page.locator("dialog progress").count()).toBe(1);
    expect(await page.locator("dialog [role=status]").first().innerText()).toBe("正在创建短链接…");
    await expect.poll(() => page.locator("dialog [role=alert]").innerText(), { timeout: 15_000 }).toContain("请求超时");
    expect(await form.getAttribute("aria-busy")).toBe("false");
    expect(await page.locator("dialog [data-share-url]").inputValue()).toContain("/simulate/?s=");
  });

  it("validates title and note before sending anything", async () => {
    await openSimulator(page, "");
    await openDialog(page);
    let posts = 0;
    page.on("request", (r) => {
      if (r.url().endsWith("/api/scenarios")) posts++;
    });
    await page.fill("dialog input[name=title]", "城".repeat(81));
    await page.fill("dialog textarea[name=note]", "注".repeat(281));
    expect(await page.locator("dialog .count").nth(0).innerText()).toContain("81/80");
    expect(await page.locator("dialog .count").nth(1).innerText()).toContain("281/280");
    await page.click("dialog button[type=submit]");
    await expect.poll(() => page.locator("dialog .field-error").allInnerTexts()).toEqual(["标题最多80个字，现在是81个字。", "说明最多280个字，现在是281个字。"]);
    expect(await page.locator("dialog input[name=title]").getAttribute("aria-invalid")).toBe("true");
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe("title");
    expect(posts).toBe(0);
  });

  it("speaks English with lang=en, and offers the Web Share API where the browser has it", async () => {
    await page.addInitScript(() => {
      (window as unknown as { __shared: unknown[] }).__shared = [];
      Object.defineProperty(navigator, "share", {
        value: async (data: unknown) => void (window as unknown as { __shared: unknown[] }).__shared.push(data),
        configurable: true,
      });
    });
    await openSimulator(page, `${sharedSearch}&lang=en`);
    await openDialog(page);
    expect(await page.locator("dialog.share-dialog h2").innerText()).toBe("Share this scenario");
    expect(await page.locator("dialog.share-dialog").getAttribute("lang")).toBe("en");
    await page.route("**/api/scenarios", (r) => r.fulfill({ status: 503, contentType: "application/json", body: '{"error":"store-unavailable","message":"x"}' }));
    await page.getByRole("button", { name: "Create short link" }).click();
    await expect.poll(() => page.locator("dialog [role=alert]").innerText()).toContain("The share service is temporarily unavailable");
    const longUrl = await page.locator("dialog [data-share-url]").inputValue();
    expect(new URL(longUrl).searchParams.get("lang")).toBe("en");
    await page.getByRole("button", { name: "More ways to share…" }).click();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __shared: Array<{ url: string }> }).__shared))
      .toEqual([{ title: "What-if scenario for Chengqu's 14th Five-Year Plan", text: "What-if scenario for Chengqu's 14th Five-Year Plan", url: longUrl }]);
  });

  for (const colorScheme of ["light", "dark"] as const) {
    it(`has no accessibility violations in the form and fallback states (${colorScheme})`, async () => {
      const ctx = await browser.newContext({ colorScheme, viewport: { width: 390, height: 844 }, locale: "zh-CN", reducedMotion: "reduce" });
      try {
        const p = await ctx.newPage();
        await openSimulator(p, sharedSearch);
        await openDialog(p);
        const scan = async () => (await new AxeBuilder({ page: p }).include("dialog.share-dialog").analyze()).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
        expect(await scan()).toEqual([]);
        await p.route("**/api/scenarios", (r) => r.fulfill({ status: 503, contentType: "application/json", body: '{"error":"store-unavailable","message":"x"}' }));
        await p.click("dialog button[type=submit]");
        await p.locator("dialog [data-share-url]").waitFor();
        expect(await scan()).toEqual([]);
      } finally {
        await ctx.close();
      }
    });
  }
});


describe("the share loop in WeChat's browser at 390×844", () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const title = `如果十五五只有5%会怎样 ${crypto.randomUUID().slice(0, 6)}`;
  const note = "按5%算，2025年会比规划目标低。\n2035年呢？";
  let sharedId = "";

  beforeAll(async () => {
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, userAgent: WECHAT_UA, isMobile: true, hasTouch: true, locale: "zh-CN", acceptDownloads: true, reducedMotion: "reduce" });
    // What is written on canvases (the poster's text is drawn with fillText).
    await context.addInitScript(() => {
      const texts: string[] = [];
      (window as unknown as { __texts: string[] }).__texts = texts;
      const original = CanvasRenderingContext2D.prototype.fillText;
      CanvasRenderingContext2D.prototype.fillText = function (text: string, x: number, y: number, maxWidth?: number) {
        texts.push(String(text));
        return maxWidth === undefined ? original.call(this, text, x, y) : original.call(this, text, x, y, maxWidth);
      };
    });
    const res = await fetch(`${base}/api/scenarios`, {
      method: "POST",
      headers: { "content-type": "application/json", "cf-connecting-ip": "198.51.100.9" },
      body: JSON.stringify({ scenario: scenarioWithGrowth(5), title, note }),
    });
    expect(res.status).toBe(201);
    sharedId = ((await res.json()) as { id: string }).id;
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    await page?.close();
    page = await context.newPage();
  });

  it("opens a share with the sharer's title and note on the first screen", async () => {
    const res = await page.goto(`${base}/s/${sharedId}`);
    expect(res?.status()).toBe(200);
    await page.waitForSelector("html[data-simulator=ready]");
    for (const [selector, text] of [["#share-landing-title", title], [".share-landing .note", note]] as const) {
      const el = page.locator(selector);
      expect(await el.innerText()).toBe(text.replace("\n", "\n"));
      const box = (await el.boundingBox())!;
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height, selector).toBeLessThanOrEqual(844);
    }
    expect(await page.locator(".share-landing .reading").innerText()).toMatch(/^2025年地区生产总值低于规划目标/);
    // The landing and the simulator under it write the same figure the same way.
    const landingFigure = async (label: string) => (await page.locator(".share-landing dt", { hasText: label }).locator("xpath=following-sibling::dd[1]").innerText()).replace(/\s+/g, "");
    expect(await landingFigure("2025年地区生产总值")).toBe(await page.locator("#result-gdpReal-2025").innerText());
    expect(await landingFigure("2035年城镇居民人均可支配收入")).toBe(await page.locator("#result-urbanIncome-2035").innerText());
    expect(await landingFigure("2035年常住人口")).toBe(await page.locator("#result-residentPopulation-2035").innerText());
    for (const name of ["在此基础上调整", "分享", "阅读规划原文"]) {
      const action = page.locator(".share-landing .actions").getByText(name, { exact: true });
      const box = (await action.boundingBox())!;
      expect(box.y + box.height, name).toBeLessThanOrEqual(844);
    }
  });

  it("re-shares the unchanged scenario under the same id, with the title and note carried over", async () => {
    await page.goto(`${base}/s/${sharedId}`);
    await page.waitForSelector("html[data-simulator=ready]");
    await page.click("[data-landing-share]");
    await page.waitForSelector("dialog.share-dialog[open]");
    expect(await page.inputValue("dialog input[name=title]")).toBe(title);
    expect(await page.inputValue("dialog textarea[name=note]")).toBe(note);
    const sent = await submitAndCapture(page);
    expect(sent.title).toBe(title);
    expect(sent.note).toBe(note);
    const url = await page.locator("dialog [data-share-url]").inputValue();
    expect(url).toBe(`${base}/s/${sharedId}`);
  });

  it("with the store down, gives a long link that opens on the sharer's title and note too, and re-shares them", async () => {
    await openSimulator(page, `?s=${encodeScenario(scenarioWithGrowth(5))}`);
    await openDialog(page);
    await page.fill("dialog input[name=title]", title);
    await page.fill("dialog textarea[name=note]", note);
    await page.route("**/api/scenarios", (r) => r.abort("connectionrefused"));
    await page.click("dialog button[type=submit]");
    const longUrl = await page.locator("dialog [data-share-url]").inputValue();
    await page.unroute("**/api/scenarios");
    expect(new URL(longUrl).pathname).toBe("/simulate/");

    const reader = await context.newPage();
    await reader.goto(longUrl);
    await reader.waitForSelector("html[data-simulator=ready]");
    for (const [selector, text] of [["#share-landing-title", title], [".share-landing .note", note]] as const) {
      const el = reader.locator(selector);
      expect(await el.innerText()).toBe(text);
      const box = (await el.boundingBox())!;
      expect(box.y + box.height, selector).toBeLessThanOrEqual(844);
    }
    expect(await reader.locator(".share-landing .reading").innerText()).toMatch(/^2025年地区生产总值低于规划目标/);
    if (process.env.SHARE_SCREENSHOTS) await reader.screenshot({ path: `${process.env.SHARE_SCREENSHOTS}/long-link-landing.png` });
    await reader.click("[data-landing-share]");
    await reader.waitForSelector("dialog.share-dialog[open]");
    expect(await reader.inputValue("dialog input[name=title]")).toBe(title);
    expect(await reader.inputValue("dialog textarea[name=note]")).toBe(note);
    await reader.close();
  });

  it("shows the poster as an image to long-press, with no download, and points to the ··· menu once", async () => {
    await page.goto(`${base}/s/${sharedId}`);
    await page.waitForSelector("html[data-simulator=ready]");
    await page.evaluate(() => localStorage.removeItem("share-wechat-hint-seen"));
    await openDialog(page);
    await page.click("dialog button[type=submit]");
    await page.locator("dialog [data-share-url]").waitFor();
    const hint = page.locator("dialog [data-wechat-hint]");
    expect(await hint.innerText()).toContain("发送给朋友");
    expect(await page.locator("dialog .intents a").evaluateAll((as) => as.map((a) => (a as HTMLElement).dataset.service))).toEqual(["weibo", "qq", "x"]);

    const downloads: string[] = [];
    page.on("download", (d) => downloads.push(d.suggestedFilename()));
    await page.getByRole("button", { name: "生成分享海报" }).click();
    const img = page.locator("dialog.poster-view[open] img[data-poster]");
    await img.waitFor();
    expect(await img.getAttribute("src")).toMatch(/^data:image\/png;base64,/);
    expect(await img.evaluate((i) => (i as HTMLImageElement).naturalWidth)).toBe(1080);
    expect(await page.locator("dialog.poster-view .long-press").innerText()).toBe("长按图片保存或发送给朋友");
    // The sharer's title is on the poster, and its chart explains itself.
    const texts = await page.evaluate(() => (window as unknown as { __texts: string[] }).__texts);
    expect(texts).toContain(title);
    expect(texts.some((t) => t.includes("2020年不变价") && t.includes("亿元"))).toBe(true);
    expect(await page.locator("dialog.poster-view").getByRole("button", { name: "下载海报" }).count()).toBe(0);
    const box = (await img.boundingBox())!;
    expect(box.width).toBeGreaterThan(200);
    await page.waitForTimeout(500);
    expect(downloads).toEqual([]);

    // Dismissed once, the hint stays away.
    await page.locator("dialog.poster-view").getByRole("button", { name: "关闭" }).click();
    await hint.getByRole("button", { name: "知道了" }).click();
    expect(await hint.count()).toBe(0);
    await page.reload();
    await page.waitForSelector("html[data-simulator=ready]");
    await openDialog(page);
    await page.click("dialog button[type=submit]");
    await page.locator("dialog [data-share-url]").waitFor();
    expect(await page.locator("dialog [data-wechat-hint]").count()).toBe(0);
  });
});

describe("exported chart PNG", () => {
  it("carries the chart's title, unit, price basis, legend, source and site at 2×", async () => {
    const browser = await launchChromium();
    try {
      const context = await browser.newContext({ viewport: { width: 1000, height: 900 }, locale: "zh-CN", acceptDownloads: true });
      const page = await context.newPage();
      // Record what is written on canvases (the figure's text is drawn with fillText).
      await page.addInitScript(() => {
        const texts: string[] = [];
        (window as unknown as { __texts: string[] }).__texts = texts;
        const original = CanvasRenderingContext2D.prototype.fillText;
        CanvasRenderingContext2D.prototype.fillText = function (text: string, x: number, y: number, maxWidth?: number) {
          texts.push(String(text));
          return maxWidth === undefined ? original.call(this, text, x, y) : original.call(this, text, x, y, maxWidth);
        };
      });
      await page.goto(`${base}/simulate/`);
      await page.waitForSelector("html[data-simulator=ready]");
      const button = page.locator('[data-chart="gdp"]').getByRole("button", { name: "下载图片" });
      await button.scrollIntoViewIfNeeded();
      await expect.poll(() => button.isEnabled()).toBe(true);
      const [download] = await Promise.all([page.waitForEvent("download"), button.click()]);
      const chunks: Buffer[] = [];
      for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
      const png = Buffer.concat(chunks);
      expect(png.readUInt32BE(16)).toBe(1440);
      expect(png.readUInt32BE(20)).toBe(1040);
      const texts = await page.evaluate(() => (window as unknown as { __texts: string[] }).__texts);
      const heading = await page.locator('[data-chart="gdp"] h3').innerText();
      // The page's heading is the spec's title followed by its unit: the figure writes both.
      expect(texts).toContain(heading.replace(/\s+/g, ""));
      expect(texts.some((t) => t.includes("2020年不变价") && t.includes("亿元"))).toBe(true);
      const legend = await page.locator('[data-chart="gdp"] .chart-legend li').allInnerTexts();
      expect(legend.length).toBeGreaterThanOrEqual(2);
      for (const label of legend) expect(texts, label).toContain(label.trim());
      expect(texts.some((t) => t.startsWith("资料来源："))).toBe(true);
      expect(texts.some((t) => /\/simulate\/$/.test(t))).toBe(true);
    } finally {
      await browser.close();
    }
  });
});

describe("exported images in the dark scheme", () => {
  // A saved or forwarded image is seen on any background, in any app: it is always drawn in
  // the light scheme, whatever the scheme of the page it was made on.
  it("are the same pixels as in the light scheme: chart PNG and poster", async () => {
    const browser = await launchChromium();
    try {
      const images = async (colorScheme: "light" | "dark") => {
        const context = await browser.newContext({ viewport: { width: 1000, height: 900 }, locale: "zh-CN", acceptDownloads: true, colorScheme, reducedMotion: "reduce" });
        const page = await context.newPage();
        await openSimulator(page, `?s=${encodeScenario(scenarioWithGrowth(6.5))}`);
        expect(await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches)).toBe(colorScheme === "dark");
        const button = page.locator('[data-chart="gdp"]').getByRole("button", { name: "下载图片" });
        await button.scrollIntoViewIfNeeded();
        await expect.poll(() => button.isEnabled()).toBe(true);
        const [download] = await Promise.all([page.waitForEvent("download"), button.click()]);
        const chunks: Buffer[] = [];
        for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
        await openDialog(page);
        await page.click("dialog button[type=submit]");
        await page.locator("dialog [data-share-url]").waitFor();
        await page.getByRole("button", { name: "下载分享海报" }).click();
        const poster = await page.locator("dialog.poster-view[open] img[data-poster]").getAttribute("src");
        // The poster's own background, read back from the image: the light scheme's page colour.
        const corner = await page.evaluate(async (src) => {
          const img = new Image();
          img.src = src!;
          await img.decode();
          const c = document.createElement("canvas");
          c.width = img.naturalWidth;
          c.height = img.naturalHeight;
          const ctx = c.getContext("2d")!;
          ctx.drawImage(img, 0, 0);
          return Array.from(ctx.getImageData(4, 4, 1, 1).data);
        }, poster);
        await context.close();
        return { chart: Buffer.concat(chunks), poster, corner };
      };
      const light = await images("light");
      const dark = await images("dark");
      expect(dark.corner).toEqual(light.corner);
      expect(dark.poster === light.poster, "poster differs in the dark scheme").toBe(true);
      expect(dark.chart.equals(light.chart), "chart PNG differs in the dark scheme").toBe(true);
    } finally {
      await browser.close();
    }
  });
});
