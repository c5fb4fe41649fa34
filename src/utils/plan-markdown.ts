// Parser for the strict Markdown subset the plan is stored in (docs/content-format.md).
// We parse it ourselves, rather than with a general Markdown engine, so that section anchors and
// 专栏 boxes are exactly what the content says, and so that anything outside the subset (raw
// HTML, links, a paragraph broken over two lines by the PDF extraction) fails the build with a
// line number instead of silently rendering as something else.

/** A run of inline text: plain, or one of the plan's bold lead-ins (**…**). */
export type Inline = { type: "text"; text: string } | { type: "strong"; text: string };

export interface Paragraph {
  type: "paragraph";
  children: Inline[];
  line: number;
}

/** A `###` sub-heading inside a section or a box, e.g. "一、加快数字化发展". */
export interface SubHeading {
  type: "subheading";
  children: Inline[];
  line: number;
}

export interface ListItem {
  /** The number the plan gives an ordered item ("3." → 3); absent for unordered items. */
  number?: number;
  children: Inline[];
  line: number;
}

export interface List {
  type: "list";
  ordered: boolean;
  items: ListItem[];
  line: number;
}

/** A 专栏: number, title, and either contents or a reference to an indicator table. */
export interface Box {
  type: "box";
  /** 专栏N */
  number: number;
  title: string;
  /** Name of content/indicators/<table>.json when the box is an indicator table. */
  table?: string;
  children: BoxBlock[];
  line: number;
}

export type BoxBlock = Paragraph | SubHeading | List;
export type Block = BoxBlock | Box;

/** A 第X节 section of a chapter. */
export interface Section {
  type: "section";
  /** 1 for 第一节 */
  number: number;
  /** "第一节" as written */
  label: string;
  title: string;
  id: string;
  children: Block[];
  line: number;
}

export interface PlanDocument {
  /** Blocks before the first section (a chapter's opening paragraphs, or the whole front matter). */
  intro: Block[];
  sections: Section[];
}

export class PlanMarkdownError extends Error {
  constructor(
    message: string,
    /** 1-based line number in the source (the body plus ParseOptions.lineOffset). */
    readonly line: number,
    readonly source?: string,
  ) {
    super(`${source ? `${source}:` : "line "}${line}: ${message}`);
    this.name = "PlanMarkdownError";
  }
}

export interface ParseOptions {
  /** Lines before the body in the file (its front matter), so errors point at the file's line. */
  lineOffset?: number;
  /** File name for error messages. */
  source?: string;
}

const CHINESE_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** Reads 一 … 九十九 (as in 第十三章, 第二十二节); returns null for anything else. */
export function parseChineseNumeral(text: string): number | null {
  const m = /^([一二三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(text);
  if (!m || text === "") return null;
  const [, tensOrUnit, ten, unit] = m;
  if (!ten) return tensOrUnit && !unit ? CHINESE_DIGITS[tensOrUnit]! : null;
  const tens = tensOrUnit ? CHINESE_DIGITS[tensOrUnit]! : 1;
  return tens * 10 + (unit ? CHINESE_DIGITS[unit]! : 0);
}

const SECTION_RE = /^## (第([一二三四五六七八九十]+)节) (\S.*?) \{#([a-z0-9]+(?:-[a-z0-9]+)*)\}$/;
const SUBHEADING_RE = /^### (\S.*)$/;
const BOX_OPEN_RE = /^:::box 专栏(\d+) (\S.*?)(?: \{table=([a-z0-9]+(?:-[a-z0-9]+)*)\})?$/;
const ORDERED_RE = /^(\d+)\. (\S.*)$/;
const UNORDERED_RE = /^- (\S.*)$/;

/**
 * Splits a line into plain and bold runs. Throws on what the subset does not have: unbalanced
 * or empty **, single * emphasis, raw HTML, links and images, backslash escapes.
 */
export function parseInline(text: string, line: number, source?: string): Inline[] {
  const fail = (msg: string): never => {
    throw new PlanMarkdownError(msg, line, source);
  };
  if (/<[A-Za-z/!?]/.test(text)) fail(`raw HTML is not allowed: ${JSON.stringify(excerpt(text, /<[A-Za-z/!?]/))}`);
  if (/!?\[[^\]]*\]\(/.test(text)) fail("links and images are not allowed");
  if (text.includes("\\")) fail("backslash escapes are not allowed");
  if (text.includes("`")) fail("code spans are not allowed");
  const parts = text.split("**");
  if (parts.length % 2 === 0) fail("unbalanced ** (bold must open and close on the same line)");
  const out: Inline[] = [];
  parts.forEach((part, i) => {
    if (part.includes("*")) fail("a single * is not allowed (only **bold**)");
    const bold = i % 2 === 1;
    if (bold) {
      if (part.trim() === "") fail("empty bold run **…**");
      if (part !== part.trim()) fail("bold text must not start or end with a space");
      out.push({ type: "strong", text: part });
    } else if (part !== "") {
      out.push({ type: "text", text: part });
    }
  });
  return out;
}

function excerpt(text: string, at: RegExp): string {
  const i = text.search(at);
  return text.slice(Math.max(0, i), i + 20);
}

type LineKind = "blank" | "paragraph" | "list" | "heading" | "box-open" | "box-close" | "start";

/** Parses a chapter body into sections and blocks; throws PlanMarkdownError on anything outside the subset. */
export function parsePlanMarkdown(body: string, options: ParseOptions = {}): PlanDocument {
  const { lineOffset = 0, source } = options;
  const lines = body.replace(/\r\n?/g, "\n").split("\n");
  const doc: PlanDocument = { intro: [], sections: [] };
  const seenIds = new Set<string>();
  let box: Box | null = null;
  let list: List | null = null;
  let prev: LineKind = "start";

  const container = (): Block[] => {
    if (box) return box.children;
    const last = doc.sections.at(-1);
    return last ? last.children : doc.intro;
  };

  lines.forEach((raw, index) => {
    const line = index + 1 + lineOffset;
    const fail = (msg: string): never => {
      throw new PlanMarkdownError(msg, line, source);
    };
    if (raw.trim() === "") {
      if (raw !== "") fail("a blank line must be empty (no spaces)");
      list = null;
      prev = "blank";
      return;
    }
    if (/^\s/.test(raw)) fail("lines must not start with spaces or tabs (no indented blocks)");
    if (raw !== raw.trimEnd()) fail("trailing spaces are not allowed");
    let kind: LineKind;

    if (raw.startsWith("#")) {
      list = null;
      if (raw.startsWith("## ")) {
        const m = SECTION_RE.exec(raw);
        if (!m) fail("a section heading must read `## 第X节 标题 {#id}`");
        const [, label, numeral, title, id] = m!;
        if (box) fail(`section heading inside 专栏${box.number} (opened on line ${box.line}); close the box with ::: first`);
        const number = parseChineseNumeral(numeral!);
        if (number === null) fail(`cannot read the section number in ${label}`);
        if (seenIds.has(id!)) fail(`duplicate section id #${id}`);
        seenIds.add(id!);
        doc.sections.push({ type: "section", number: number!, label: label!, title: title!, id: id!, children: [], line });
      } else if (raw.startsWith("### ")) {
        const m = SUBHEADING_RE.exec(raw);
        if (!m) fail("empty ### heading");
        if (box?.table) fail(`专栏${box.number} is an indicator table box and must be empty`);
        container().push({ type: "subheading", children: parseInline(m![1]!, line, source), line });
      } else {
        fail("only `## 第X节 …` and `### …` headings are allowed");
      }
      kind = "heading";
    } else if (raw.startsWith(":::")) {
      list = null;
      if (raw === ":::") {
        if (!box) fail("::: closes nothing (no open :::box)");
        box = null;
        kind = "box-close";
      } else {
        const m = BOX_OPEN_RE.exec(raw);
        if (!m) fail("a box must open with `:::box 专栏N 标题` or `:::box 专栏N 标题 {table=name}`");
        if (box) fail(`boxes cannot nest (专栏${box.number} opened on line ${box.line} is still open)`);
        const [, number, title, table] = m!;
        if (title!.includes("{")) fail("unexpected { in box title (use {table=name} at the end)");
        const opened: Box = { type: "box", number: Number(number), title: title!, children: [], line };
        if (table) opened.table = table;
        container().push(opened);
        box = opened;
        kind = "box-open";
      }
    } else if (ORDERED_RE.test(raw) || UNORDERED_RE.test(raw)) {
      const ordered = ORDERED_RE.exec(raw);
      const text = ordered ? ordered[2]! : UNORDERED_RE.exec(raw)![1]!;
      if (box?.table) fail(`专栏${box.number} is an indicator table box and must be empty`);
      if (prev === "paragraph") fail("a list must be separated from the paragraph above by a blank line");
      const isOrdered = ordered !== null;
      const current = list as List | null;
      if (current && current.ordered !== isOrdered) fail("ordered (1.) and unordered (-) items cannot mix in one list; separate them with a blank line");
      const item: ListItem = { children: parseInline(text, line, source), line };
      if (ordered) item.number = Number(ordered[1]);
      if (current) {
        current.items.push(item);
      } else {
        const created: List = { type: "list", ordered: isOrdered, items: [item], line };
        container().push(created);
        list = created;
      }
      kind = "list";
    } else {
      if (/^(?:[>|]|[*+] |-{3,}$|={3,}$|~~~|\d+\) )/.test(raw)) fail(`Markdown syntax outside the plan's subset: ${JSON.stringify(raw.slice(0, 12))}`);
      if (/^-\S/.test(raw) || /^\d+\.\S/.test(raw)) fail("a list marker needs one space after it (`- item`, `1. item`)");
      if (box?.table) fail(`专栏${box.number} is an indicator table box and must be empty`);
      if (prev === "paragraph") fail("a paragraph is one line: two text lines in a row (join them, or separate paragraphs with a blank line)");
      if (prev === "list") fail("text directly under a list item (separate the paragraph from the list with a blank line)");
      container().push({ type: "paragraph", children: parseInline(raw, line, source), line });
      kind = "paragraph";
    }
    prev = kind;
  });

  const open = box as Box | null;
  if (open) throw new PlanMarkdownError(`专栏${open.number} is never closed with :::`, open.line, source);
  return doc;
}

export interface SectionMeta {
  number: number;
  title: string;
  id: string;
}

/**
 * A chapter's section list, read from its headings (the one place sections are written):
 * they must be numbered 第一节, 第二节, … in order. Throws with the line of the first that is not.
 */
export function sectionsOf(doc: PlanDocument, source?: string): SectionMeta[] {
  return doc.sections.map((s, i) => {
    if (s.number !== i + 1) throw new PlanMarkdownError(`${s.label} is section ${i + 1} of the chapter (sections are numbered in order from 第一节)`, s.line, source);
    return { number: s.number, title: s.title, id: s.id };
  });
}

/** All boxes of a document, in reading order. */
export function boxesOf(doc: PlanDocument): Box[] {
  const blocks = [...doc.intro, ...doc.sections.flatMap((s) => s.children)];
  return blocks.filter((b): b is Box => b.type === "box");
}

/** Plain text of inline runs (for titles, search metadata, summaries). */
export function inlineText(children: readonly Inline[]): string {
  return children.map((c) => c.text).join("");
}
