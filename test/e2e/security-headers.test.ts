// Security headers on every page type, read from the local Pages runtime (static pages get
// them from the dist/_headers the build writes, share pages from their Function), and the
// pages' own scripts, islands, Pagefind, chart.js and the Monte Carlo worker running in
// Chromium under that policy without a single violation.
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { createHash } from "node:crypto";
import { launchChromium } from "../helpers/browser";
import { everyPartLive } from "../helpers/simulator-page";
import { builtPages, contentChapters } from "../helpers/site";
import { defaultScenario } from "../../src/lib/scenario";
import { inlineScripts } from "../../src/integrations/security-headers";
import { postJson } from "../api/api-helpers";

const base = inject("baseUrl");

function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(";").map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name!.toLowerCase(), values]));
}

/** Checks the headers every HTML page must carry, and that its CSP allows exactly its own inline scripts. */
function expectSecureHtml(res: Response, html: string, what: string): void {
  const h = res.headers;
  expect(h.get("x-content-type-options"), what).toBe("nosniff");
  expect(h.get("x-frame-options"), what).toBe("DENY");
  expect(h.get("referrer-policy"), what).toBe("strict-origin-when-cross-origin");
  expect(h.get("permissions-policy"), what).toMatch(/camera=\(\).*geolocation=\(\).*microphone=\(\)/);
  const csp = h.get("content-security-policy");
  expect(csp, what).toBeTruthy();
  // One policy, not two joined by a comma (Pages joins repeated header rules that way).
  expect(csp!, what).not.toContain(",");
  const d = directives(csp!);
  expect(d.get("frame-ancestors"), what).toEqual(["'none'"]);
  expect(d.get("object-src"), what).toEqual(["'none'"]);
  expect(d.get("base-uri"), what).toEqual(["'self'"]);
  const scriptSrc = d.get("script-src") ?? [];
  expect(scriptSrc, what).not.toContain("'unsafe-inline'");
  expect(scriptSrc, what).not.toContain("'unsafe-eval'");
  expect(scriptSrc.filter((s) => !s.startsWith("'")), what).toEqual([]);
  for (const script of inlineScripts(html)) {
    const hash = `'sha256-${createHash("sha256").update(script).digest("base64")}'`;
    expect(scriptSrc, `${what}: inline script ${script.slice(0, 60)}`).toContain(hash);
  }
}

describe("security headers", () => {
  const pages = builtPages().filter((p) => p.path !== "/404.html");

  it("every built page has them, with a policy that allows exactly its inline scripts", async () => {
    expect(pages.length).toBeGreaterThan(15);
    for (const { path } of pages) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(200);
      expectSecureHtml(res, await res.text(), path);
    }
  });

  it("the 404 page at an unknown path has them", async () => {
    const res = await fetch(`${base}/plan/no-such-page/`);
    expect(res.status).toBe(404);
    expectSecureHtml(res, await res.text(), "404");
  });

  it("a share page (served by its Function) has them", async () => {
    const created = await postJson(base, { scenario: defaultScenario, title: `头 ${crypto.randomUUID().slice(0, 6)}` });
    const { id } = (await created.json()) as { id: string };
    const res = await fetch(`${base}/s/${id}`);
    expect(res.status).toBe(200);
    expectSecureHtml(res, await res.text(), "/s/:id");
  });

  it("JSON answers are not sniffed", async () => {
    const res = await fetch(`${base}/api/health`);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  });
});

describe("the site under its Content-Security-Policy in Chromium", () => {
  let browser: Browser;
  let context: BrowserContext;
  let shareId = "";

  beforeAll(async () => {
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN" });
    // Every violation, wherever it happens (page, island, worker start), is recorded.
    await context.addInitScript(() => {
      const seen: string[] = ((globalThis as unknown as { __csp: string[] }).__csp = []);
      document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
    });
    const created = await postJson(base, { scenario: { ...defaultScenario, view: { ...defaultScenario.view, uncertainty: true } }, title: "内容安全策略" });
    shareId = ((await created.json()) as { id: string }).id;
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function visit(path: string, ready: (page: Page) => Promise<void>): Promise<void> {
    const page = await context.newPage();
    const console: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) console.push(m.text());
    });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    try {
      const res = await page.goto(`${base}${path}`);
      expect(res?.status(), path).toBeLessThan(400);
      await ready(page);
      const violations = await page.evaluate(() => (globalThis as unknown as { __csp: string[] }).__csp);
      expect(violations, path).toEqual([]);
      expect(console, path).toEqual([]);
      expect(errors, path).toEqual([]);
    } finally {
      await page.close();
    }
  }

  it("home, a chapter and the indicators (with their small multiples, whose bars are inline styles)", async () => {
    await visit("/", async (p) => void (await p.locator("main").waitFor()));
    await visit(`/plan/${contentChapters()[1]!.slug}/`, async (p) => void (await p.locator("main h1").waitFor()));
    await visit("/indicators/", async (p) => {
      await p.locator(".multiples .group").first().waitFor({ timeout: 20_000 });
    });
  });

  it("search: Pagefind loads its WebAssembly index and finds 康养", async () => {
    await visit(`/search/?q=${encodeURIComponent("康养")}`, async (p) => {
      await p.locator("#search-results a").first().waitFor({ timeout: 20_000 });
    });
  });

  it("the simulator: island ready, charts drawn, the Monte Carlo worker answers", async () => {
    await visit("/simulate/", async (p) => {
      await p.waitForSelector("html[data-simulator=ready]", { timeout: 30_000 });
      await everyPartLive(p);
      await p.check("#uncertainty-toggle");
      // Read where the reader sees it: on a phone the table is not rendered while far off screen
      // (content-visibility: auto), and innerText reads what is rendered.
      await p.locator("table.targets").scrollIntoViewIfNeeded();
      const cells = () => p.locator("table.targets tbody tr td:last-child").allInnerTexts();
      await expect.poll(async () => (await cells()).filter((x) => /%$/.test(x)).length, { timeout: 30_000 }).toBeGreaterThan(0);
    });
  });

  it("a share page opens its scenario", async () => {
    await visit(`/s/${shareId}`, async (p) => {
      await p.waitForSelector("html[data-simulator=ready]", { timeout: 30_000 });
      await everyPartLive(p);
      expect(await p.isChecked("#uncertainty-toggle")).toBe(true);
    });
  });
});
