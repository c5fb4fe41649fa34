// The short link /s/:id and its preview: Open Graph tags read by a real OG parser, user text
// shown as text (in the markup and in Chromium, where no injected script may run), the
// encoded scenario handed to the simulator, and /og/:id.png a valid 1200×630 PNG.
import { request as httpRequest } from "node:http";
import { inflateSync } from "node:zlib";
import ogs from "open-graph-scraper";
import { beforeAll, describe, expect, it, inject } from "vitest";
import type { Browser } from "playwright-core";
import { canonicalJson, decodeScenario, defaultScenario, validateScenario } from "../../src/lib/scenario";
import { launchChromium } from "../helpers/browser";
import { longLinkQuery } from "../../src/lib/share/long-link";
import { insertLegacyRow, legacyId, postJson } from "./api-helpers";

const base = inject("baseUrl");
const persistDir = inject("persistDir");

const hostileTitle = `</title><script>window.__pwned=1</script>"><img src=x onerror=window.__pwned=2>`;
const hostileNote = `<b>粗体</b> & "引号" <script>window.__pwned = 3</script>`;
let id = "";
let plainId = "";

beforeAll(async () => {
  const res = await postJson(base, { scenario: defaultScenario, title: hostileTitle, note: hostileNote });
  expect(res.status).toBe(201);
  id = ((await res.json()) as { id: string }).id;
  const plain = await postJson(base, { scenario: defaultScenario });
  expect([200, 201]).toContain(plain.status);
  plainId = ((await plain.json()) as { id: string }).id;
});

function metaContent(html: string, attr: "name" | "property", key: string): string | null {
  const m = new RegExp(`<meta ${attr}="${key.replace(/[.:]/g, "\\$&")}" content="([^"]*)"`).exec(html);
  return m ? m[1]!.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&") : null;
}

describe("share page /s/:id", () => {
  it("is the simulator page with title, description, canonical URL and preview tags, read by an Open Graph parser", async () => {
    const res = await fetch(`${base}/s/${id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await res.text();
    const { result, error } = await ogs({ html });
    expect(error).toBe(false);
    expect(result.ogTitle).toBe(`${hostileTitle} · 城区“十四五”情景模拟`);
    expect(result.twitterTitle).toBe(result.ogTitle);
    expect(result.ogDescription).toContain(hostileNote);
    expect(result.ogDescription).toMatch(/2035年\d[\d,]*\.\d亿元（2020年不变价）/);
    expect(result.ogUrl).toBe(`${base}/s/${id}`);
    expect(result.ogLocale).toBe("zh_CN");
    expect(result.twitterCard).toBe("summary_large_image");
    const image = result.ogImage?.[0];
    expect(image?.url).toBe(`${base}/og/${id}.png`);
    expect(String(image?.width)).toBe("1200");
    expect(String(image?.height)).toBe("630");
    expect(result.twitterImage?.[0]?.url).toBe(`${base}/og/${id}.png`);
    // QQ / WeChat read microdata.
    expect(html).toContain(`<meta itemprop="image" content="${base}/og/${id}.png">`);
    expect(html).toMatch(new RegExp(`<link rel="canonical" href="${base.replace(/[.:/]/g, "\\$&")}/s/${id}">`));
  });

  it("is built on the static simulator page /simulate/ (or, while a deploy lacks it, the home page)", async () => {
    const html = await (await fetch(`${base}/s/${id}`)).text();
    // The share page is the simulator page plus the landing section put first in its container.
    const body = (page: string) =>
      page.slice(page.indexOf("<body")).replace(/<style>\s*\.share-landing[\s\S]*?<\/style><section class="share-landing"[\s\S]*?<\/section><script>[\s\S]*?<\/script>/, "");
    expect(body(html)).not.toBe(html.slice(html.indexOf("<body")));
    const simulator = await fetch(`${base}/simulate/`);
    // Until src/pages/simulate/ is built, /simulate/ is a 404 and the share page falls back to
    // the home page, so that the preview still works; both branches pin the page it must be.
    const source = simulator.status === 200 ? simulator : await fetch(`${base}/`);
    expect(source.status).toBe(200);
    expect(body(html)).toBe(body(await source.text()));
  });

  it("escapes user text: markup in the title and note appears only as text", async () => {
    const html = await (await fetch(`${base}/s/${id}`)).text();
    expect(html).not.toContain("<script>window.__pwned");
    expect(html).not.toContain('<img src=x onerror');
    expect(html).toContain("&lt;/title&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;&quot;&gt;");
    expect(metaContent(html, "name", "scenario-title")).toBe(hostileTitle);
    expect(metaContent(html, "name", "scenario-note")).toBe(hostileNote);
    expect((html.match(/<title>/g) ?? []).length).toBe(1);
  });

  it("hands the simulator the stored scenario in <meta name=\"scenario\">", async () => {
    const html = await (await fetch(`${base}/s/${id}`)).text();
    const encoded = metaContent(html, "name", "scenario");
    expect(encoded).toMatch(/^1\.[A-Za-z0-9_-]+$/);
    const decoded = decodeScenario(encoded!);
    expect(decoded.ok).toBe(true);
    const original = validateScenario(defaultScenario);
    if (!decoded.ok || !original.ok) throw new Error("unreachable");
    expect(canonicalJson(decoded.scenario)).toBe(canonicalJson(original.scenario));
    expect(metaContent(html, "name", "scenario-id")).toBe(id);
    expect(metaContent(html, "name", "robots")).toBe("noindex, follow");
  });

  it("describes a scenario with formulas from its own projection, in text and image", async () => {
    const scenario = structuredClone(defaultScenario) as { inputs: { gdpRealGrowth: { formula?: string } } };
    // 2 % a year instead of the plan's 9 %: the 2035 figure must come out far lower.
    scenario.inputs.gdpRealGrowth.formula = "2 + 0 * t";
    const res = await postJson(base, { scenario });
    expect([200, 201]).toContain(res.status);
    const formulaId = ((await res.json()) as { id: string }).id;
    const gdp2035 = (html: string) => Number(/2035年([\d,.]+)亿元/.exec(html)![1]!.replace(/,/g, ""));
    const slow = gdp2035(await (await fetch(`${base}/s/${formulaId}`)).text());
    const plan = gdp2035(await (await fetch(`${base}/s/${plainId}`)).text());
    expect(slow).toBeLessThan(plan * 0.6);
    const image = await fetch(`${base}/og/${formulaId}.png`);
    expect(image.status).toBe(200);
    expect(image.headers.get("x-og-fallback")).toBeNull();
  });

  it("uses a neutral title when the share has none", async () => {
    const { result } = await ogs({ html: await (await fetch(`${base}/s/${plainId}`)).text() });
    expect(result.ogTitle).toBe("城区“十四五”情景模拟 · 分享的情景");
    expect(result.ogDescription).not.toContain("｜");
  });

  it("sends a Content-Security-Policy that allows the page's own inline scripts by hash and nothing injected", async () => {
    const res = await fetch(`${base}/s/${id}`);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("'unsafe-inline' 'sha256");
    expect(/script-src[^;]*'unsafe-inline'/.test(csp)).toBe(false);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("runs no injected script in Chromium, and shows the title as text", async () => {
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      const context = await browser.newContext();
      const page = await context.newPage();
      const dialogs: string[] = [];
      const cspViolations: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error" && /Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
      });
      page.on("dialog", (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      const response = await page.goto(`${base}/s/${id}`, { waitUntil: "load" });
      expect(response?.status()).toBe(200);
      await page.waitForTimeout(300);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(dialogs).toEqual([]);
      // The page's own scripts run under the policy: nothing of the site is blocked.
      expect(cspViolations).toEqual([]);
      expect(await page.title()).toBe(`${hostileTitle} · 城区“十四五”情景模拟`);
      expect(await page.locator("img[src=x]").count()).toBe(0);
      await context.close();
    } finally {
      await browser?.close();
    }
  });

  it("answers an unknown id with a 404 page that says the link is unknown and offers the simulator and the plan", async () => {
    for (const path of ["/s/0000000000", "/s/%3Cscript%3E", "/s/" + "a".repeat(40)]) {
      const res = await fetch(base + path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/^text\/html/);
      const html = await res.text();
      expect(html).toMatch(/<h1[^>]*>这个分享链接不存在<\/h1>/);
      expect(html).toContain("聊天软件有时会截断链接");
      expect(html).toMatch(/<a href="\/simulate\/"[^>]*>打开情景模拟<\/a>/);
      expect(html).toMatch(/<a href="\/plan\/"[^>]*>阅读规划全文<\/a>/);
      // Still the site's page: its header, navigation and search.
      expect(html).toContain('id="notfound-search-q"');
      expect(html).not.toContain("页面不存在</h1>");
    }
    // Any other missing page keeps the generic wording.
    const other = await fetch(`${base}/no-such-page/`);
    expect(other.status).toBe(404);
    expect(await other.text()).toContain("页面不存在");
  });

  it("opens on the sharer's title and note, a reading against the plan, the figures and the next steps", async () => {
    const html = await (await fetch(`${base}/s/${id}`)).text();
    const section = html.slice(html.indexOf('<section class="share-landing"'), html.indexOf("</section>", html.indexOf('<section class="share-landing"')));
    expect(section).toContain(`<h2 id="share-landing-title" dir="auto"><bdi>&lt;/title&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=window.__pwned=2&gt;</bdi></h2>`);
    expect(section).toContain('<p class="note" dir="auto"><bdi>&lt;b&gt;粗体&lt;/b&gt; &amp; &quot;引号&quot;');
    expect(section).toMatch(/<p class="reading">2025年地区生产总值(高于|低于|与)规划目标[^<]*；2035年人均地区生产总值为全国平均的\d+%<\/p>/);
    expect(section).toMatch(/2025年地区生产总值（2020年不变价）<\/dt><dd>\d[\d,]*\.\d <small>亿元<\/small>/);
    expect(section).toContain(">在此基础上调整</a>");
    expect(section).toContain(">分享</button>");
    expect(section).toContain(">阅读规划原文</a>");
    // The landing's own script is allowed by hash, like the page's.
    const res = await fetch(`${base}/s/${id}`);
    const script = /<\/section><script>([\s\S]*?)<\/script>/.exec(await res.text())![1]!;
    const digest = Buffer.from(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(script))).toString("base64");
    expect(res.headers.get("content-security-policy")).toContain(`'sha256-${digest}'`);
  });
});

describe("long share link /simulate/?s=…&n=… (the dialog's link when the store is down)", () => {
  const longLink = (title: string | null, note: string | null) => `${base}/simulate/?${longLinkQuery(defaultScenario, title, note).toString()}`;
  const landing = (html: string) => {
    const at = html.indexOf('<section class="share-landing"');
    return at < 0 ? null : html.slice(at, html.indexOf("</section>", at));
  };

  it("opens on the sharer's title and note (escaped, bidi-isolated), a reading against the plan, the figures and the next steps", async () => {
    const res = await fetch(longLink(hostileTitle, hostileNote));
    expect(res.status).toBe(200);
    const html = await res.text();
    const section = landing(html);
    expect(section).not.toBeNull();
    expect(section).toContain(`<h2 id="share-landing-title" dir="auto"><bdi>&lt;/title&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=window.__pwned=2&gt;</bdi></h2>`);
    expect(section).toContain('<p class="note" dir="auto"><bdi>&lt;b&gt;粗体&lt;/b&gt; &amp; &quot;引号&quot;');
    expect(section).toMatch(/<p class="reading">2025年地区生产总值(高于|低于|与)规划目标[^<]*；2035年人均地区生产总值为全国平均的\d+%<\/p>/);
    expect(section).toMatch(/2025年地区生产总值（2020年不变价）<\/dt><dd>\d[\d,]*\.\d <small>亿元<\/small>/);
    expect(section).toContain(">在此基础上调整</a>");
    expect(html).not.toContain("<script>window.__pwned");
    // The landing's script is allowed by hash; the page is the simulator page.
    const script = /<\/section><script>([\s\S]*?)<\/script>/.exec(html)![1]!;
    const digest = Buffer.from(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(script))).toString("base64");
    expect(res.headers.get("content-security-policy")).toContain(`'sha256-${digest}'`);
    expect(html).toContain('class="sim-container"');
  });

  it("gives link previews the sharer's title and note, the site's default image, and keeps the page out of search indexes", async () => {
    const html = await (await fetch(longLink("如果十五五只有5%会怎样", "增长慢一些，目标还能实现吗？"))).text();
    const { result, error } = await ogs({ html });
    expect(error).toBe(false);
    expect(result.ogTitle).toBe("如果十五五只有5%会怎样 · 城区“十四五”情景模拟");
    expect(result.ogDescription).toMatch(/^增长慢一些，目标还能实现吗？｜地区生产总值2025年/);
    expect(result.ogImage?.[0]?.url).toBe(`${base}/og-default.png`);
    expect(metaContent(html, "name", "robots")).toBe("noindex, follow");
    // The share dialog starts from these when the reader shares the scenario on.
    expect(metaContent(html, "name", "scenario-title")).toBe("如果十五五只有5%会怎样");
    expect(metaContent(html, "name", "scenario-note")).toBe("增长慢一些，目标还能实现吗？");
    const decoded = decodeScenario(metaContent(html, "name", "scenario")!);
    expect(decoded.ok && decoded.scenario.title).toBe("如果十五五只有5%会怎样");
  });

  it("leaves the static page alone without a sharer's words, and for a damaged link", async () => {
    const plain = await (await fetch(`${base}/simulate/`)).text();
    expect(landing(plain)).toBeNull();
    expect(landing(await (await fetch(longLink(null, null))).text())).toBeNull();
    const damaged = await fetch(`${base}/simulate/?s=1.notascenario&n=${encodeURIComponent("备注")}`);
    expect(damaged.status).toBe(200);
    expect(landing(await damaged.text())).toBeNull();
  });

  it("shows a note alone, and leaves out words that break the share text rules", async () => {
    const noteOnly = landing(await (await fetch(longLink(null, "只有备注"))).text());
    expect(noteOnly).toContain("<bdi>只有备注</bdi>");
    expect(noteOnly).toContain(">有人分享了一个情景</h2>");
    // An RTL override in the title: the title is dropped, the note still shown.
    const spoof = landing(await (await fetch(longLink("abc\u202Edef", "备注"))).text());
    expect(spoof).not.toContain("\u202E");
    expect(spoof).toContain(">有人分享了一个情景</h2>");
    expect(spoof).toContain("<bdi>备注</bdi>");
  });
});

/** A request with a Host header of our choosing (fetch does not let us set one). */
function requestWithHost(method: "GET" | "POST", path: string, host: string, body?: string): Promise<{ status: number; text: string }> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { hostname: url.hostname, port: url.port, path: url.pathname, method, headers: { host, "x-forwarded-host": host, ...(body ? { "content-type": "application/json", "content-length": Buffer.byteLength(body), "cf-connecting-ip": "203.0.113.77" } : {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

describe("share links come from the configured site, not the Host header", () => {
  const foreign = "evil.example";
  it("POST and GET answer links on the site's origin whatever Host says", async () => {
    const created = await requestWithHost("POST", "/api/scenarios", foreign, JSON.stringify({ scenario: defaultScenario, title: "外来主机" }));
    expect([200, 201]).toContain(created.status);
    const { id: newId, url } = JSON.parse(created.text) as { id: string; url: string };
    expect(url).toBe(`${base}/s/${newId}`);
    const read = await requestWithHost("GET", `/api/scenarios/${newId}`, foreign);
    expect(read.status).toBe(200);
    expect((JSON.parse(read.text) as { url: string }).url).toBe(`${base}/s/${newId}`);
    const page = await requestWithHost("GET", `/s/${newId}`, foreign);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain(foreign);
    expect(page.text).toContain(`<link rel="canonical" href="${base}/s/${newId}">`);
  });
});

/** Reads a PNG's chunks, checking the signature and every CRC. */
function readPng(bytes: Uint8Array): { width: number; height: number; bitDepth: number; colorType: number; pixels: Buffer } {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  expect([...bytes.subarray(0, 8)]).toEqual(signature);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (data: Uint8Array) => {
    let c = 0xffffffff;
    for (const b of data) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  let at = 8;
  const types: string[] = [];
  const idat: Uint8Array[] = [];
  let header = { width: 0, height: 0, bitDepth: 0, colorType: 0 };
  while (at < bytes.length) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const data = bytes.subarray(at + 8, at + 8 + length);
    expect(view.getUint32(at + 8 + length), `CRC of ${type}`).toBe(crc(bytes.subarray(at + 4, at + 8 + length)));
    if (type === "IHDR") header = { width: view.getUint32(at + 8), height: view.getUint32(at + 12), bitDepth: data[8]!, colorType: data[9]! };
    if (type === "IDAT") idat.push(data);
    types.push(type);
    at += 12 + length;
  }
  expect(types[0]).toBe("IHDR");
  expect(types.at(-1)).toBe("IEND");
  return { ...header, pixels: inflateSync(Buffer.concat(idat)) };
}

describe("preview image /og/:id.png", () => {
  it("is a valid 1200×630 PNG, cached immutably", async () => {
    const res = await fetch(`${base}/og/${id}.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const png = readPng(new Uint8Array(await res.arrayBuffer()));
    expect(res.headers.get("x-og-fallback")).toBeNull();
    expect(png.width).toBe(1200);
    expect(png.height).toBe(630);
    expect(png.bitDepth).toBe(8);
    // Grey, RGB, palette, grey + alpha, RGBA: bytes per pixel at 8 bits.
    const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[png.colorType as 0 | 2 | 3 | 4 | 6];
    expect(channels).toBeDefined();
    // One filter byte per row plus the pixels: the image data really is 1200×630.
    expect(png.pixels.length).toBe(630 * (1 + 1200 * channels!));
    // Not a blank canvas: many distinct colours, or palette entries (lines, text, fills).
    const colours = new Set<number>();
    for (let row = 0; row < 630; row += 7) {
      const start = row * (1 + 1200 * channels!) + 1;
      for (let x = 0; x < 1200; x += 3) colours.add(png.pixels.readUIntBE(start + x * channels!, Math.min(channels!, 3)));
    }
    expect(colours.size).toBeGreaterThan(20);
  });

  it("answers the same bytes again (from the cache) and 304 to its ETag", async () => {
    const first = await fetch(`${base}/og/${plainId}.png`);
    const a = new Uint8Array(await first.arrayBuffer());
    const second = await fetch(`${base}/og/${plainId}.png`);
    const b = new Uint8Array(await second.arrayBuffer());
    expect(Buffer.from(b).equals(Buffer.from(a))).toBe(true);
    const etag = second.headers.get("etag");
    expect(etag).toBeTruthy();
    const third = await fetch(`${base}/og/${plainId}.png`, { headers: { "if-none-match": etag! } });
    expect(third.status).toBe(304);
  });

  it("serves the static fallback image when the scenario cannot be drawn", async () => {
    // A row an older deploy could have stored: its formula passes the schema (length and
    // characters) but no longer compiles, so there is no projection to draw.
    const broken = structuredClone(defaultScenario) as { inputs: { gdpRealGrowth: { formula?: string } } };
    broken.inputs.gdpRealGrowth.formula = "9 +";
    const brokenId = legacyId();
    insertLegacyRow(persistDir, { id: brokenId, schemaVersion: 1, scenario: broken });
    const res = await fetch(`${base}/og/${brokenId}.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("x-og-fallback")).toBe("1");
    expect(res.headers.get("cache-control")).toBe("public, max-age=3600");
    const fallback = new Uint8Array(await (await fetch(`${base}/og-fallback.png`)).arrayBuffer());
    expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(fallback))).toBe(true);
    expect(readPng(fallback).width).toBe(1200);
    // The page still opens, with a description that claims no figures.
    const page = await fetch(`${base}/s/${brokenId}`);
    expect(page.status).toBe(200);
    const { result } = await ogs({ html: await page.text() });
    expect(result.ogDescription).not.toMatch(/亿元/);
    expect(result.ogImage?.[0]?.url).toBe(`${base}/og/${brokenId}.png`);
  });

  it("answers 404 for an unknown id", async () => {
    expect((await fetch(`${base}/og/0000000000.png`)).status).toBe(404);
    expect((await fetch(`${base}/og/${id}.jpg`)).status).toBe(404);
  });
});
