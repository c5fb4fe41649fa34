// Build-time access to the plan's content collections, parsed and cross-checked once per build.
// Unlike the other files in src/utils this one depends on Astro (astro:content); everything it
// checks throws, so inconsistent content fails `astro build` with a message naming the file.
import { getCollection, type CollectionEntry } from "astro:content";
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { boxesOf, parsePlanMarkdown, sectionsOf, type PlanDocument, type SectionMeta } from "./plan-markdown";
import type { IndicatorTable } from "../schemas/content";
import { chapterHref } from "./site";

export interface Chapter {
  entry: CollectionEntry<"chapters">;
  data: CollectionEntry<"chapters">["data"];
  doc: PlanDocument;
  /** The chapter's 第X节, from its headings. */
  sections: SectionMeta[];
  /** Path of the chapter page, e.g. "/plan/twin-cores/". */
  href: string;
}

export interface PlanContent {
  /** Front matter (number 0) first, then 第一章 … in order. */
  chapters: Chapter[];
  /** Indicator tables by file name ("thirteenth-plan"), in 专栏 order. */
  tables: Map<string, IndicatorTable>;
}

/** Lines of front matter above the body, so parse errors point at the file's own line. */
function bodyLineOffset(filePath: string | undefined, body: string): number {
  if (!filePath || body === "") return 0;
  const raw = readFileSync(filePath, "utf8").replace(/\r\n?/g, "\n");
  const at = raw.lastIndexOf(body.replace(/\r\n?/g, "\n"));
  return at < 0 ? 0 : raw.slice(0, at).split("\n").length - 1;
}

async function load(): Promise<PlanContent> {
  const entries = (await getCollection("chapters")).sort((a, b) => a.data.number - b.data.number);
  const tableEntries = (await getCollection("indicators")).sort((a, b) => a.data.box - b.data.box);
  const tables = new Map(tableEntries.map((t) => [t.id, t.data] as const));

  const seenNumbers = new Set<number>();
  const seenSlugs = new Set<string>();
  const chapters = entries.map((entry): Chapter => {
    const source = entry.filePath ? relative(process.cwd(), entry.filePath) : entry.id;
    const { number, slug } = entry.data;
    if (seenNumbers.has(number)) throw new Error(`${source}: chapter number ${number} is used twice`);
    if (seenSlugs.has(slug)) throw new Error(`${source}: slug "${slug}" is used twice`);
    seenNumbers.add(number);
    seenSlugs.add(slug);
    const body = entry.body ?? "";
    const doc = parsePlanMarkdown(body, { source, lineOffset: bodyLineOffset(entry.filePath, body) });
    const sections = sectionsOf(doc, source);
    for (const box of boxesOf(doc)) {
      if (!box.table) continue;
      const table = tables.get(box.table);
      if (!table) throw new Error(`${source}:${box.line}: 专栏${box.number} refers to content/indicators/${box.table}.json, which does not exist`);
      if (table.box !== box.number) throw new Error(`${source}:${box.line}: 专栏${box.number} shows ${box.table}.json, which says it is 专栏${table.box}`);
      if (table.chapter !== slug) throw new Error(`${source}:${box.line}: ${box.table}.json says it stands in chapter "${table.chapter}", not "${slug}"`);
      const section = doc.sections.find((s) => s.children.includes(box));
      if (section?.id !== table.section) throw new Error(`${source}:${box.line}: ${box.table}.json says it stands in #${table.section}, but the box is in #${section?.id ?? "(no section)"}`);
    }
    return { entry, data: entry.data, doc, sections, href: chapterHref(slug) };
  });
  return { chapters, tables };
}

let cached: Promise<PlanContent> | undefined;

/** The whole plan, parsed and checked; computed once per build. */
export function loadPlan(): Promise<PlanContent> {
  cached ??= load();
  return cached;
}
