// The content files are valid against the site's schemas and agree with one another:
// front matter ↔ section headings, 专栏1–22 in order, indicator tables ↔ their boxes,
// targets ↔ chapters and the seed's words.
import { describe, expect, it } from "vitest";
import {
  chapterSchema,
  correctionSchema,
  indicatorTableSchema,
  targetSchema,
  type ChapterData,
  type IndicatorTable,
  type Target,
} from "../../src/schemas/content";
import { createSatteriMarkdownProcessor } from "@astrojs/markdown-satteri";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { planMarkdown } from "../../src/markdown";
import { sectionLinks } from "../../src/utils/simulator-links";
import { planFiles, PLAN_DIR, readJson, SECTION_LINE, sectionHeadings, seedLines, seedText } from "./content-files";

const files = planFiles();
const chapters = files.map((f) => ({ ...f, meta: chapterSchema.parse(f.data) as ChapterData, sections: sectionHeadings(f.body) }));
const bySlug = new Map(chapters.map((c) => [c.meta.slug, c]));

const BOX_OPEN = /^:::box 专栏(\d+) (.+?)(?: \{table=([a-z0-9-]+)\})?$/;

interface BoxFound {
  number: number;
  title: string;
  table: string | undefined;
  bodyLines: string[];
  file: string;
  /** Section id the box stands in. */
  section: string | undefined;
}

/** Boxes in reading order, read straight from the Markdown lines (not through the site parser). */
function boxes(): BoxFound[] {
  const out: BoxFound[] = [];
  for (const c of chapters) {
    let open: BoxFound | null = null;
    let section: string | undefined;
    for (const line of c.body.split("\n")) {
      const s = SECTION_LINE.exec(line);
      if (s) section = s[3];
      const m = BOX_OPEN.exec(line);
      if (m) {
        expect(open, `${c.file}: 专栏${m[1]} opens inside 专栏${open?.number}`).toBeNull();
        open = { number: Number(m[1]), title: m[2]!, table: m[3], bodyLines: [], file: c.file, section };
        out.push(open);
      } else if (line === ":::") {
        expect(open, `${c.file}: ::: closes nothing`).not.toBeNull();
        open = null;
      } else if (open) {
        open.bodyLines.push(line);
      }
    }
    expect(open, `${c.file}: 专栏${open?.number} is not closed`).toBeNull();
  }
  return out;
}

describe("content/plan/*.md", () => {
  it("has 14 files, numbered 0–13 once each, named NN-slug.md", () => {
    expect(files).toHaveLength(14);
    expect(chapters.map((c) => c.meta.number)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    for (const c of chapters) expect(c.file).toBe(`${String(c.meta.number).padStart(2, "0")}-${c.meta.slug}.md`);
    expect(new Set(chapters.map((c) => c.meta.slug)).size).toBe(14);
    expect(chapters.filter((c) => c.meta.number >= 1)).toHaveLength(13);
  });

  it("gives each chapter the title printed in the plan, without 第N章", () => {
    // The chapter headings of the seed's body (the contents page is skipped by starting at 第一章's second occurrence).
    const lines = seedLines();
    const start = lines.findIndex((l, i) => i > 60 && l.startsWith("第一章"));
    const headings = lines.slice(start).filter((l) => /^第[一二三四五六七八九十]+章\s/.test(l));
    expect(headings).toHaveLength(13);
    headings.forEach((h, i) => {
      const title = chapters[i + 1]!.meta.title;
      expect(title.startsWith("第")).toBe(false);
      // Chapter 11's body heading has a half-width comma; the contents page (also the plan's) has "，".
      expect(title.replace(/，/g, ",")).toBe(h.replace(/^第[一二三四五六七八九十]+章\s+/, "").trim().replace(/，/g, ","));
    });
  });

  it("writes every section as `## 第X节 标题 {#section-N}`, numbered in order", () => {
    for (const c of chapters) {
      const headingLines = c.body.split("\n").filter((l) => l.startsWith("## "));
      for (const l of headingLines) expect(SECTION_LINE.test(l), `${c.file}: malformed section heading ${l}`).toBe(true);
      expect(c.sections.length, c.file).toBe(headingLines.length);
      c.sections.forEach((s, i) => {
        expect(s.number).toBe(i + 1);
        expect(s.id).toBe(`section-${i + 1}`);
      });
    }
    expect(chapters[0]!.sections).toEqual([]);
    expect(chapters.slice(1).every((c) => c.sections.length >= 2)).toBe(true);
  });

  it("renders through the site's Markdown pipeline, whose headings give the same sections", async () => {
    const renderer = await createSatteriMarkdownProcessor(planMarkdown({ sectionLinks }));
    for (const c of chapters) {
      const { metadata } = await renderer.render(c.body.trim(), { frontmatter: c.meta, fileURL: pathToFileURL(join(PLAN_DIR, c.file)) });
      const sections = metadata.headings
        .filter((h) => h.depth === 2)
        .map((h, i) => ({ number: i + 1, title: h.text.replace(/^第[一二三四五六七八九十]+节 /, ""), id: h.slug }));
      expect(sections, c.file).toEqual(c.sections);
    }
  });

  it("has exactly the boxes 专栏1–专栏22, once each and in order, titled as in the seed", () => {
    const found = boxes();
    expect(found.map((b) => b.number)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
    const seedTitles = seedLines()
      .map((l) => /^专栏\s*(\d+)\s+(.+)$/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ number: Number(m[1]), title: m[2]!.trim() }));
    expect(found.map(({ number, title }) => ({ number, title }))).toEqual(seedTitles);
  });

  it("makes 专栏1 and 专栏2 empty table boxes and gives every other box real contents", () => {
    for (const b of boxes()) {
      if (b.number <= 2) {
        expect(b.table).toBe(b.number === 1 ? "thirteenth-plan" : "fourteenth-plan");
        expect(b.bodyLines).toEqual([]);
      } else {
        expect(b.table, `专栏${b.number}`).toBeUndefined();
        expect(b.bodyLines.filter((l) => l.trim()).length, `专栏${b.number}`).toBeGreaterThan(0);
      }
    }
  });

  it("has no raw HTML, Markdown tables or leftover list debris in any body", () => {
    for (const c of chapters) {
      c.body.split("\n").forEach((line, i) => {
        const where = `${c.file}:${i + 1 + c.bodyOffset}`;
        expect(line, where).not.toMatch(/<\/?[A-Za-z][^>]*>/);
        expect(line, where).not.toMatch(/^\|/);
        expect(line, where).not.toMatch(/^- \d+\. /); // "- 1. 标题。**" debris of the extraction
        expect(line, where).not.toMatch(/\t/);
        expect(line, where).not.toMatch(/\b(?:workload|and|the)\b/);
      });
    }
  });

  it("keeps the notice 城政发〔2021〕8号 in the front matter file", () => {
    const body = chapters[0]!.body;
    for (const s of ["城政发〔2021〕8号", "南村镇人民政府、各街道办事处，区直各单位：", "晋城市城区人民政府", "2021年7月26日", "（此件公开发布）"]) {
      expect(body).toContain(s);
    }
    expect(body).not.toContain("目 录");
  });
});

describe("content/indicators/*.json", () => {
  const tables = ["thirteenth-plan", "fourteenth-plan"].map((name) => ({
    name,
    table: indicatorTableSchema.parse(readJson(`indicators/${name}.json`)) as IndicatorTable,
  }));

  it("are valid, point at the chapter and section where their box stands, and key every cell by a column", () => {
    const found = boxes();
    for (const { name, table } of tables) {
      const box = found.find((b) => b.table === name);
      expect(box, name).toBeDefined();
      expect(table.box).toBe(box!.number);
      expect(table.title).toBe(box!.title);
      expect(bySlug.get(table.chapter)?.file).toBe(box!.file);
      expect(table.section).toBe(box!.section);
      const keys = table.columns.map((c) => c.key);
      expect(new Set(table.rows.map((r) => r.id)).size).toBe(table.rows.length);
      for (const r of table.rows) expect(Object.keys(r.cells), `${name}/${r.id}`).toEqual(keys);
    }
  });

  it("have the row ids the simulator relies on", () => {
    const ids = (n: number) => tables[n]!.table.rows.map((r) => r.id);
    expect(ids(0)).toEqual(expect.arrayContaining(["gdp", "services-share", "retail-sales", "urban-income"]));
    expect(ids(1)).toEqual(expect.arrayContaining(["gdp-growth", "urban-income-growth", "urbanisation"]));
    const name = (n: number, id: string) => tables[n]!.table.rows.find((r) => r.id === id)?.name;
    expect(name(0, "gdp")).toBe("地区生产总值");
    expect(name(0, "services-share")).toBe("服务业增加值比重");
    expect(name(0, "urban-income")).toBe("城镇居民人均可支配收入");
    expect(name(1, "gdp-growth")).toBe("地区生产总值(GDP)年均增速");
    expect(name(1, "urban-income-growth")).toBe("城镇居民人均可支配收入增速");
    expect(name(1, "urbanisation")).toBe("常住人口城镇化率");
  });
});

describe("content/corrections.json", () => {
  const corrections = (readJson("corrections.json") as unknown[]).map((c) => correctionSchema.parse(c));

  it("is valid, numbered c001… in order, and every entry names a real place and changes something", () => {
    expect(corrections.length).toBeGreaterThan(100);
    corrections.forEach((c, i) => {
      expect(c.id).toBe(`c${String(i + 1).padStart(3, "0")}`);
      const [chapter, part] = c.where.split("/");
      expect(chapter === "front" || bySlug.has(chapter!), c.id).toBe(true);
      if (part?.startsWith("section-")) expect(bySlug.get(chapter!)!.sections.map((s) => s.id), c.id).toContain(part);
      if (part?.startsWith("box-")) expect(Number(part.slice(4)), c.id).toBeGreaterThanOrEqual(1);
      expect(c.before, c.id).not.toBe(c.after);
      expect(c.before.length, c.id).toBeGreaterThan(0);
    });
  });

  it("lists every page-break join the plan needed, and every HTML box", () => {
    const count = (kind: string) => corrections.filter((c) => c.kind === kind).length;
    // Paragraphs cut mid-sentence by a page break in the seed: a non-blank prose line that does not end
    // a sentence, followed (after blank lines) by more prose. Counted here from the seed itself.
    const lines = seedLines();
    const start = lines.findIndex((l, i) => i > 60 && l.startsWith("第一章"));
    let breaks = 0;
    for (let i = start; i < lines.length; i++) {
      const l = lines[i]!.trimEnd();
      if (!l || l.includes("\t") || /^(第[一二三四五六七八九十]+[章节]|专栏\s*\d)/.test(l) || /^[-|]/.test(l) || /[。；！：]$/.test(l) || /。\*\*$/.test(l) || /<\/p>$/.test(l)) continue;
      breaks++;
    }
    // …plus the bold lead-in of 第二章第四节 whose paragraph continues after the break, and the two
    // wrapped titles of the front matter.
    expect(count("paragraph-join")).toBe(breaks + 1 + 2);
    expect(count("html-to-list")).toBe(seedText().split("\n").filter((l) => /^<p>|^\| <ol/.test(l)).length);
    expect(count("stray-word")).toBe(3);
  });

  it("quotes stray-word repairs exactly as the seed has them", () => {
    const seed = seedText();
    for (const c of corrections.filter((x) => x.kind === "stray-word")) {
      expect(seed).toContain(c.before);
      expect(c.after).not.toMatch(/[A-Za-z]{3,}/);
    }
  });
});

describe("content/targets.json", () => {
  const targets = (readJson("targets.json") as unknown[]).map((t) => targetSchema.parse(t)) as Target[];
  const squeeze = (s: string) => s.replace(/\s+/g, "");
  const seed = squeeze(seedText());

  it("is valid, with unique ids, and each target points at a real chapter and section", () => {
    expect(new Set(targets.map((t) => t.id)).size).toBe(targets.length);
    for (const t of targets) {
      const c = bySlug.get(t.chapter);
      expect(c, t.id).toBeDefined();
      if (t.section) expect(c!.sections.map((s) => s.id), t.id).toContain(t.section);
    }
  });

  it("quotes the plan verbatim (spaces aside)", () => {
    for (const t of targets) expect(seed, t.id).toContain(squeeze(t.quote));
  });

  it("has the targets the home page and the simulator check", () => {
    const pick = (metric: Target["metric"], year: number) => targets.filter((t) => t.metric === metric && t.year === year);
    expect(pick("gdpRealGrowthAvg", 2025)).toMatchObject([{ comparator: ">", value: 9, unit: "%", quote: "“十四五”GDP 年均增速达到 9% 以上", chapter: "guiding-principles", section: "section-4" }]);
    expect(pick("urbanIncomeGrowthAvg", 2025)).toMatchObject([{ value: 9, unit: "%" }]);
    expect(pick("residentPopulation", 2035)).toMatchObject([{ comparator: "≥", value: 1_000_000, unit: "人", quote: "人口增加到 100 万", chapter: "twin-cores" }]);
    expect(pick("gdpPerCapitaVsNational", 2035)).toMatchObject([{ comparator: "≥", value: 100, quote: "主要经济指标达到或超过全国平均水平", chapter: "new-journey", section: "section-3" }]);
    expect(pick("urbanIncomeVsNational", 2035)).toMatchObject([{ comparator: "≥", value: 100, quote: "主要经济指标达到或超过全国平均水平" }]);
    expect(targets.find((t) => t.metric === "other" && t.quote.startsWith("常住人口城镇化率"))).toMatchObject({ value: 100, unit: "%", year: 2025 });
    // 专栏2 has no number for the services share, so there is no servicesShare target.
    expect(targets.filter((t) => t.metric === "servicesShare")).toEqual([]);
  });
});
