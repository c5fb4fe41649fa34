// Build-time access to the plan's content collections, rendered and cross-checked once per build.
// Unlike the other files in src/utils this one depends on Astro (astro:content); everything it
// checks throws, so inconsistent content fails `astro build` with a message naming the file.
import { getCollection, render, type CollectionEntry } from "astro:content";
import { relative } from "node:path";
import { splitAtSlots, type ChapterPart } from "../markdown";
import type { IndicatorTable } from "../schemas/content";
import { chapterHref } from "./site";

export interface SectionMeta {
  /** 1 for 第一节 */
  number: number;
  /** "第一节" as written */
  label: string;
  title: string;
  id: string;
}

export interface BoxMeta {
  /** 专栏N */
  number: number;
  title: string;
}

export interface Chapter {
  entry: CollectionEntry<"chapters">;
  data: CollectionEntry<"chapters">["data"];
  /** The chapter's HTML from Astro's Markdown pipeline (src/markdown/), split at its slots. */
  parts: ChapterPart[];
  /** The chapter's 第X节, from its headings. */
  sections: SectionMeta[];
  /** The chapter's 专栏, from their headings, in reading order. */
  boxes: BoxMeta[];
  /** Path of the chapter page, e.g. "/plan/twin-cores/". */
  href: string;
}

export interface PlanContent {
  /** Front matter (number 0) first, then 第一章 … in order. */
  chapters: Chapter[];
  /** Indicator tables by file name ("thirteenth-plan"), in 专栏 order. */
  tables: Map<string, IndicatorTable>;
}

const SECTION_HEADING = /^(第[一二三四五六七八九十]+节) (.+)$/;
const BOX_HEADING_ID = /^box-(\d+)-title$/;

async function load(): Promise<PlanContent> {
  const entries = (await getCollection("chapters")).sort((a, b) => a.data.number - b.data.number);
  const tableEntries = (await getCollection("indicators")).sort((a, b) => a.data.box - b.data.box);
  const tables = new Map(tableEntries.map((t) => [t.id, t.data] as const));

  const seenNumbers = new Set<number>();
  const seenSlugs = new Set<string>();
  const chapters: Chapter[] = [];
  for (const entry of entries) {
    const source = entry.filePath ? relative(process.cwd(), entry.filePath) : entry.id;
    const { number, slug } = entry.data;
    if (seenNumbers.has(number)) throw new Error(`${source}: chapter number ${number} is used twice`);
    if (seenSlugs.has(slug)) throw new Error(`${source}: slug "${slug}" is used twice`);
    seenNumbers.add(number);
    seenSlugs.add(slug);
    // Astro logs a Markdown plugin's error (with file:line) and keeps the entry unrendered; stop here.
    if (!entry.rendered) throw new Error(`${source}: the chapter did not render; the Markdown error is logged above ("Error rendering …")`);
    const { headings } = await render(entry);
    // plan-subset has already checked that sections read 第一节, 第二节, … in order.
    const sections = headings
      .filter((h) => h.depth === 2)
      .map((h, i): SectionMeta => {
        const m = SECTION_HEADING.exec(h.text);
        if (!m) throw new Error(`${source}: section heading “${h.text}” does not read 第X节 标题`);
        return { number: i + 1, label: m[1]!, title: m[2]!, id: h.slug };
      });
    const boxes = headings.flatMap((h): BoxMeta[] => {
      const m = BOX_HEADING_ID.exec(h.slug);
      return m ? [{ number: Number(m[1]), title: h.text.slice(`专栏${m[1]}`.length) }] : [];
    });
    // trimEnd: the serializer's closing line break, which the pages have never had.
    const parts = splitAtSlots(entry.rendered.html.trimEnd());
    for (const part of parts) {
      if (part.type !== "slot" || part.slot.kind !== "table") continue;
      const { table: name = "", box, section, line } = part.slot;
      const where = `${source}:${line}`;
      const table = tables.get(name);
      if (!table) throw new Error(`${where}: 专栏${box} refers to content/indicators/${name}.json, which does not exist`);
      if (String(table.box) !== box) throw new Error(`${where}: 专栏${box} shows ${name}.json, which says it is 专栏${table.box}`);
      if (table.chapter !== slug) throw new Error(`${where}: ${name}.json says it stands in chapter "${table.chapter}", not "${slug}"`);
      if (section !== table.section) throw new Error(`${where}: ${name}.json says it stands in #${table.section}, but the box is in #${section ?? "(no section)"}`);
    }
    chapters.push({ entry, data: entry.data, parts, sections, boxes, href: chapterHref(slug) });
  }
  return { chapters, tables };
}

let cached: Promise<PlanContent> | undefined;

/** The whole plan, rendered and checked; computed once per build. */
export function loadPlan(): Promise<PlanContent> {
  cached ??= load();
  return cached;
}
