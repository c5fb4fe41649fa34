// Checks the built site in dist/ against the content it was built from: every chapter and
// section is there, every internal link lands, reading pages ship no JavaScript, every page has
// its preview metadata, and Pagefind finds two-character Chinese words.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { launchChromium } from "../helpers/browser";
import { decodeScenario } from "../../src/lib/scenario";
import { DEFAULT_SITE_URL, siteOrigin } from "../../src/utils/site-url.mjs";
import { builtPages, contentChapters, DIST, distFileFor, idsOf, readDist, tags, textOf } from "../helpers/site";

const chapters = contentChapters();
const pages = builtPages();
// The canonical origin astro.config.mjs builds with (SITE_URL, or the default in site-url.mjs).
const site = new URL(siteOrigin(process.env.SITE_URL) ?? DEFAULT_SITE_URL);

describe("chapters", () => {
  it("content has the front matter and 13 chapters, numbered 0–13", () => {
    expect(chapters.map((c) => c.number).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
  });

  for (const c of chapters) {
    describe(`${c.file} → /plan/${c.slug}/`, () => {
      it("has a page", () => {
        expect(existsSync(distFileFor(`/plan/${c.slug}/`))).toBe(true);
      });
      it("has an element for every section id of its headings, holding the section title", () => {
        const html = readDist(`/plan/${c.slug}/`);
        const ids = idsOf(html);
        for (const s of c.sections) {
          expect(ids, `#${s.id} missing`).toContain(s.id);
          const heading = new RegExp(`<h2[^>]*\\sid="${s.id}"[^>]*>([\\s\\S]*?)</h2>`).exec(html);
          expect(heading, `#${s.id} is not a heading`).not.toBeNull();
          expect(textOf(heading![1]!)).toContain(s.title);
        }
      });
      it("is listed in the table of contents with links to each section", () => {
        const toc = readDist("/plan/");
        const hrefs = new Set(tags(toc, "a").map((a) => a.href));
        expect(hrefs).toContain(`/plan/${c.slug}/`);
        for (const s of c.sections) expect(hrefs).toContain(`/plan/${c.slug}/#${s.id}`);
      });
      it("titles chapters with 第X章", () => {
        const h1 = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(readDist(`/plan/${c.slug}/`))?.[1] ?? "";
        expect(textOf(h1)).toContain(c.title);
        if (c.number > 0) expect(textOf(h1)).toMatch(/^\s*第[一二三四五六七八九十]+章/);
      });
    });
  }

  it("renders every 专栏 of the content as a box with its number", () => {
    for (const c of chapters) {
      const html = readDist(`/plan/${c.slug}/`);
      for (const m of c.body.matchAll(/^:::box 专栏(\d+) /gm)) {
        expect(idsOf(html), `${c.slug}: 专栏${m[1]}`).toContain(`box-${m[1]}`);
      }
    }
  });
});

describe("internal links", () => {
  it("found the built pages", () => {
    expect(pages.length).toBeGreaterThanOrEqual(chapters.length + 5);
  });

  it("every internal href resolves to a file in dist/, and every #fragment to an id on the target page", () => {
    const broken: string[] = [];
    const idCache = new Map<string, Set<string>>();
    const idsAt = (file: string) => {
      let ids = idCache.get(file);
      if (!ids) idCache.set(file, (ids = idsOf(readFileSync(file, "utf8"))));
      return ids;
    };
    for (const page of pages) {
      const html = readFileSync(page.file, "utf8");
      const refs = [...tags(html, "a").map((a) => a.href), ...tags(html, "link").map((l) => l.href), ...tags(html, "form").map((f) => f.action)];
      for (const ref of refs) {
        if (ref === undefined || ref === "") continue;
        const url = new URL(ref, site.origin + (page.path.endsWith("/") ? page.path : "/"));
        if (url.origin !== site.origin) continue;
        // A canonical or og:url is absolute on the site's origin and must land too.
        const file = distFileFor(url.pathname);
        if (!url.pathname.endsWith("/") && !/\.[a-z0-9]+$/i.test(url.pathname)) {
          broken.push(`${page.path}: ${ref} (no trailing slash: Pages would redirect)`);
          continue;
        }
        if (!existsSync(file)) {
          broken.push(`${page.path}: ${ref} (no ${file.slice(DIST.length)})`);
          continue;
        }
        const fragment = decodeURIComponent(url.hash.slice(1));
        if (fragment && !idsAt(file).has(fragment)) broken.push(`${page.path}: ${ref} (no id "${fragment}" on ${url.pathname})`);
      }
    }
    expect(broken).toEqual([]);
  });
});

describe("links from the reader to the simulator", () => {
  /** Preset and chart a built href opens, read with the engine's decoder. */
  function opened(href: string | undefined): { preset: string | undefined; chart: string } {
    expect(href, "no simulator link").toBeDefined();
    const url = new URL(href!, site.origin);
    expect(url.pathname).toBe("/simulate/");
    const r = decodeScenario(url.searchParams.get("s") ?? "");
    if (!r.ok) throw new Error(`${href}: ${r.error.message}`);
    return { preset: r.scenario.basedOn, chart: r.scenario.view.chart };
  }
  const simulatorHrefs = (html: string) => tags(html, "a").map((a) => a.href).filter((h): h is string => !!h && h.startsWith("/simulate/?s="));

  it("/indicators/: the GDP and income rows of 专栏1 open the 13th-plan trend, those of 专栏2 the plan", () => {
    const html = readDist("/indicators/");
    const expected: Record<string, { preset: string; chart: string }> = {
      "thirteenth-plan-gdp": { preset: "trend-13th", chart: "gdp" },
      "thirteenth-plan-urban-income": { preset: "trend-13th", chart: "income" },
      "fourteenth-plan-gdp-growth": { preset: "plan", chart: "gdp" },
      "fourteenth-plan-urban-income-growth": { preset: "plan", chart: "income" },
    };
    for (const [rowId, view] of Object.entries(expected)) {
      const row = new RegExp(`<tr[^>]*\\sid="${rowId}"[^>]*>([\\s\\S]*?)</tr>`).exec(html);
      expect(row, `row #${rowId}`).not.toBeNull();
      const hrefs = simulatorHrefs(row![1]!);
      expect(hrefs, `row #${rowId}`).toHaveLength(1);
      expect(opened(hrefs[0])).toEqual(view);
      expect(textOf(row![1]!)).toContain("在模拟器中查看");
    }
    // Only those rows: a row the model cannot show (e.g. 规上工业企业数量) has no link.
    expect(simulatorHrefs(html)).toHaveLength(Object.keys(expected).length);
  });

  it("第二章 第四节: the paragraph with “GDP 年均增速达到 9% 以上” is followed by links to the plan's GDP and income charts", () => {
    const chapter = chapters.find((c) => c.slug === "guiding-principles")!;
    const html = readDist(`/plan/${chapter.slug}/`);
    const section = /<section[^>]*aria-labelledby="section-4-title"[^>]*>([\s\S]*?)<\/section>/.exec(html)?.[1] ?? "";
    const paragraphs = [...section.matchAll(/<p([^>]*)>([\s\S]*?)<\/p>/g)];
    const at = paragraphs.findIndex((p) => textOf(p[2]!).replace(/\s+/g, "").includes("GDP年均增速达到9%以上"));
    expect(at, "the paragraph stating the 9% target").toBeGreaterThanOrEqual(0);
    const next = paragraphs[at + 1]!;
    expect(next[1]).toContain("sim-links");
    expect(simulatorHrefs(next[2]!).map(opened)).toEqual([
      { preset: "plan", chart: "gdp" },
      { preset: "plan", chart: "income" },
    ]);
    // The plan's words are unchanged around it: the paragraph is still the content's own.
    expect(chapter.body).toContain(textOf(paragraphs[at]![2]!).trim());
  });

  it("home: the 专栏2 cards and the GDP, income and population target cards open the plan on their chart", () => {
    const html = readDist("/");
    const cards = [...html.matchAll(/<li[^>]*class="card[^"]*"[^>]*>([\s\S]*?)<\/li>/g)].map((m) => m[1]!);
    const cardFor = (words: string) => {
      const card = cards.find((c) => textOf(c).includes(words));
      expect(card, words).toBeDefined();
      return simulatorHrefs(card!).map(opened);
    };
    expect(cardFor("地区生产总值(GDP)年均增速")).toEqual([{ preset: "plan", chart: "gdp" }]);
    expect(cardFor("城镇居民人均可支配收入增速")).toEqual([{ preset: "plan", chart: "income" }]);
    expect(cardFor("“十四五”GDP 年均增速达到 9% 以上")).toEqual([{ preset: "plan", chart: "gdp" }]);
    expect(cardFor("人口增加到 100 万")).toEqual([{ preset: "plan", chart: "population" }]);
    // A target the model does not cover links to the plan, not to the simulator.
    expect(cardFor("15230 家以上")).toEqual([]);
  });
});

describe("JavaScript on reading pages", () => {
  // Chapter pages ship no script at all: the header search is a plain GET form to /search/, and
  // only that page loads Pagefind. Allowed anywhere: nothing. (/indicators/ and /search/ have
  // their own scripts and are not reading pages.)
  const readingPages = [...chapters.map((c) => `/plan/${c.slug}/`), "/", "/plan/", "/about/"];
  for (const path of readingPages) {
    it(`${path} has no <script>, no module preload and no island`, () => {
      const html = readDist(path);
      expect(tags(html, "script")).toEqual([]);
      expect(tags(html, "link").filter((l) => /modulepreload|preload/.test(l.rel ?? ""))).toEqual([]);
      expect(html).not.toContain("<astro-island");
      expect(html).not.toMatch(/\son[a-z]+="/i);
    });
  }

  it("the header search is a GET form to /search/ with a labelled q field", () => {
    const html = readDist(`/plan/${chapters[1]!.slug}/`);
    const form = /<form[^>]*role="search"[^>]*>([\s\S]*?)<\/form>/.exec(html);
    expect(form).not.toBeNull();
    const [attrs] = tags(form![0], "form");
    expect(attrs).toMatchObject({ action: "/search/", method: "get" });
    const [input] = tags(form![1]!, "input");
    expect(input?.name).toBe("q");
    expect(tags(form![1]!, "label").map((l) => l.for)).toContain(input?.id);
  });

  it("/search/ loads Pagefind's JS API, not its prebuilt UI", () => {
    const html = readDist("/search/");
    const scripts = [...html.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[0]);
    const srcs = tags(html, "script").map((s) => s.src).filter(Boolean) as string[];
    const code = [...scripts, ...srcs.map((s) => readFileSync(join(DIST, s), "utf8"))].join("\n");
    expect(code).toContain("/pagefind/pagefind.js");
    expect(code).not.toContain("pagefind-ui");
  });
});

describe("head metadata", () => {
  for (const page of pages) {
    it(`${page.path} has title, description, canonical, og and twitter tags`, () => {
      const html = readFileSync(page.file, "utf8");
      expect(html).toMatch(/^<!DOCTYPE html><html lang="zh-CN"/i);
      const title = /<title>([^<]+)<\/title>/.exec(html)?.[1];
      expect(title?.trim().length).toBeGreaterThan(2);
      const metas = tags(html, "meta");
      const meta = (key: string) => metas.find((m) => m.name === key || m.property === key)?.content;
      expect(meta("description")?.length).toBeGreaterThan(10);
      expect(meta("og:title")).toBeTruthy();
      expect(meta("twitter:card")).toBe("summary_large_image");
      const canonical = tags(html, "link").find((l) => l.rel === "canonical")?.href;
      expect(canonical).toBeTruthy();
      expect(new URL(canonical!).origin).toBe(site.origin);
      if (page.path.endsWith("/")) expect(new URL(canonical!).pathname).toBe(page.path);
      const image = meta("og:image");
      expect(image).toMatch(/^https?:\/\//);
      expect(existsSync(distFileFor(new URL(image!).pathname)), `${image} is not in dist/`).toBe(true);
    });
  }

  it("the default preview image is a 1200×630 PNG", () => {
    const png = readFileSync(join(DIST, "og-default.png"));
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
  });
});

describe("sitemap and robots.txt", () => {
  it("robots.txt points at the sitemap index", () => {
    const robots = readFileSync(join(DIST, "robots.txt"), "utf8");
    expect(robots).toMatch(/^Sitemap: https?:\/\/\S+\/sitemap-index\.xml$/m);
    expect(robots).toMatch(/^User-agent: \*$/m);
  });
  it("the sitemap lists every chapter and leaves out 404 and search", () => {
    expect(existsSync(join(DIST, "sitemap-index.xml"))).toBe(true);
    const sitemap = readFileSync(join(DIST, "sitemap-0.xml"), "utf8");
    for (const c of chapters) expect(sitemap).toContain(new URL(`/plan/${c.slug}/`, site).href);
    expect(sitemap).not.toContain("/404");
    expect(sitemap).not.toContain("/search/");
  });
});

describe("Pagefind finds two-character Chinese words", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const term of ["康养", "南村", "棚户区"]) {
    it(`“${term}” returns the chapters that contain it`, async () => {
      const containing = chapters.filter((c) => c.body.includes(term)).map((c) => `/plan/${c.slug}/`);
      expect(containing.length, `no chapter of content/ contains ${term}`).toBeGreaterThan(0);
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        await page.goto(`${inject("baseUrl")}/search/`);
        // A string, so vitest does not rewrite import() for Node before Chromium sees it.
        const urls = (await page.evaluate(`(async () => {
          const pf = await import("/pagefind/pagefind.js");
          await pf.init();
          const found = await pf.search(${JSON.stringify(term)});
          const data = await Promise.all(found.results.map((r) => r.data()));
          return data.map((d) => d.url);
        })()`)) as string[];
        const pagesFound = urls.map((u) => new URL(u, "http://x").pathname);
        expect(pagesFound.some((p) => containing.includes(p)), `${term}: found ${pagesFound.join(", ")}; chapters with it: ${containing.join(", ")}`).toBe(true);
        // No false hits: every page returned has the word in its text.
        for (const p of pagesFound) expect(textOf(readDist(p)), `${p} was returned for ${term}`).toContain(term);
      } finally {
        await context.close();
      }
    });
  }
});
