// The plan's Markdown subset (docs/content-format.md), enforced on every chapter before anything
// is rendered. The plan is stored in a deliberately small subset so that what a line says is what
// the page shows: anything CommonMark would quietly read as something else (a paragraph broken
// over two lines by the PDF extraction, a list renumbered, raw HTML, a link) fails the build with
// file:line instead.
import { defineMdastPlugin } from "satteri";
import type { Node, Parent } from "mdast";
import { failAt, isChapter, sourceOf, type PlanData, type SourceLocation } from "./source";

/** `## 第一节 标题 {#section-1}` */
export const SECTION_LINE = /^## (第([一二三四五六七八九十]+)节) (\S.*?) \{#([a-z0-9]+(?:-[a-z0-9]+)*)\}$/;
/** `:::box 专栏3 标题` or `:::box 专栏1 标题 {table=thirteenth-plan}` */
export const BOX_OPEN_LINE = /^:::box 专栏(\d+) (\S.*?)(?: \{table=([a-z0-9]+(?:-[a-z0-9]+)*)\})?$/;
const SUBHEADING_LINE = /^### \S/;
const ORDERED_ITEM = /^(\d+)\. /;

const CHINESE_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** Reads 一 … 九十九 (as in 第十三章, 第二十二节); null for anything else. */
export function parseChineseNumeral(text: string): number | null {
  const m = /^([一二三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(text);
  if (!m || text === "") return null;
  const [, tensOrUnit, ten, unit] = m;
  if (!ten) return tensOrUnit && !unit ? CHINESE_DIGITS[tensOrUnit]! : null;
  const tens = tensOrUnit ? CHINESE_DIGITS[tensOrUnit]! : 1;
  return tens * 10 + (unit ? CHINESE_DIGITS[unit]! : 0);
}

/** Checks each source line: what the tree no longer shows (indentation, escapes, stray spaces). */
function checkLines(source: string, loc: SourceLocation): void {
  source.split(/\r\n?|\n/).forEach((raw, i) => {
    const fail = (msg: string): never => failAt(loc, i + 1, msg);
    if (raw.trim() === "") {
      if (raw !== "") fail("a blank line must be empty (no spaces)");
      return;
    }
    if (/^\s/.test(raw)) fail("lines must not start with spaces or tabs (no indented blocks)");
    if (raw !== raw.trimEnd()) fail("trailing spaces are not allowed");
    if (raw.startsWith("#") && !SECTION_LINE.test(raw) && !SUBHEADING_LINE.test(raw)) {
      fail(raw.startsWith("## ") ? "a section heading must read `## 第X节 标题 {#id}`" : "only `## 第X节 …` and `### …` headings are allowed");
    }
    if (raw.startsWith(":") && raw !== ":::" && !BOX_OPEN_LINE.test(raw)) {
      fail("a box must open with `:::box 专栏N 标题` or `:::box 专栏N 标题 {table=name}`, and close with `:::`");
    }
    if (/^(?:[>|]|[*+] |-{3,}$|={3,}$|~~~|```|\d+\) )/.test(raw)) fail(`Markdown syntax outside the plan's subset: ${JSON.stringify(raw.slice(0, 12))}`);
    if (/^-\S/.test(raw) || /^\d+\.\S/.test(raw)) fail("a list marker needs one space after it (`- item`, `1. item`)");
    if (/<[A-Za-z/!?]/.test(raw)) fail("raw HTML is not allowed");
    if (/!?\[[^\]]*\]\(/.test(raw)) fail("links and images are not allowed");
    if (raw.includes("\\")) fail("backslash escapes are not allowed");
    if (raw.includes("`")) fail("code spans are not allowed");
    if (/&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i.test(raw)) fail("character references (&…;) are not allowed: write the character itself");
  });
}

type Positioned = Node & { position?: { start: { line: number }; end: { line: number } } };
const startLine = (n: Positioned): number => n.position?.start.line ?? 1;
const endLine = (n: Positioned): number => n.position?.end.line ?? startLine(n);
const childrenOf = (n: Node): Positioned[] => ((n as Parent).children ?? []) as Positioned[];

/** Checks the tree's block structure: only the node types and shapes the subset has. */
function checkTree(root: Node, source: string, loc: SourceLocation, sectionLines: Map<string, number>): void {
  const lines = source.split(/\r\n?|\n/);
  const lineAt = (n: number) => lines[n - 1] ?? "";
  const seenIds = new Set<string>();
  let sections = 0;

  const checkBlocks = (blocks: Positioned[], box: { number: string; line: number } | null) => {
    blocks.forEach((node, i) => {
      const line = startLine(node);
      const fail = (msg: string): never => failAt(loc, line, msg);
      const prev = blocks[i - 1];
      if (prev && startLine(node) === endLine(prev) + 1 && /^(?:paragraph|list)$/.test(prev.type) && /^(?:paragraph|list)$/.test(node.type)) {
        fail(
          prev.type === "list" && node.type === "list"
            ? "ordered (1.) and unordered (-) items cannot mix in one list; separate them with a blank line"
            : "separate a list from the paragraph next to it with a blank line",
        );
      }
      switch (node.type) {
        case "paragraph":
          if (lineAt(line).startsWith(":::")) fail("::: closes nothing (no open :::box)");
          if (endLine(node) !== line) fail("a paragraph is one line: two text lines in a row (join them, or separate paragraphs with a blank line)");
          break;
        case "heading": {
          const m = SECTION_LINE.exec(lineAt(line));
          if (m) {
            if (box) fail(`section heading inside 专栏${box.number} (opened on line ${box.line + loc.lineOffset}); close the box with ::: first`);
            const [, label, numeral, , id] = m;
            sections += 1;
            if (parseChineseNumeral(numeral!) !== sections) fail(`${label} is section ${sections} of the chapter (sections are numbered in order from 第一节)`);
            if (seenIds.has(id!)) fail(`duplicate section id #${id}`);
            seenIds.add(id!);
            sectionLines.set(id!, line);
          } else if (!SUBHEADING_LINE.test(lineAt(line))) {
            fail("only `## 第X节 …` and `### …` headings are allowed");
          }
          break;
        }
        case "list": {
          const list = node as Positioned & { ordered?: boolean; spread?: boolean; start?: number | null };
          if (list.spread) fail("a list's items are on consecutive lines (a blank line inside a list makes Markdown read it differently)");
          childrenOf(list).forEach((item, k) => {
            const itemLine = startLine(item);
            const kids = childrenOf(item);
            if (endLine(item) !== itemLine || kids.length !== 1 || kids[0]!.type !== "paragraph") {
              failAt(loc, itemLine, "a list item is one line of text (text directly under it belongs in its own paragraph, after a blank line)");
            }
            const n = ORDERED_ITEM.exec(lineAt(itemLine));
            if (list.ordered && n && Number(n[1]) !== (list.start ?? 1) + k) {
              failAt(loc, itemLine, `item ${n[1]} would be shown as ${(list.start ?? 1) + k}: number a list's items one after another`);
            }
          });
          break;
        }
        case "containerDirective": {
          const m = BOX_OPEN_LINE.exec(lineAt(line));
          if (!m) fail("a box must open with `:::box 专栏N 标题`");
          if (box) fail(`boxes cannot nest (专栏${box.number} opened on line ${box.line + loc.lineOffset} is still open)`);
          if (lineAt(endLine(node)) !== ":::" || endLine(node) === line) fail(`专栏${m![1]} is never closed with :::`);
          if (m![2]!.includes("{")) fail("unexpected { in box title (use {table=name} at the end)");
          const kids = childrenOf(node);
          if (m![3] && kids.length > 0) failAt(loc, startLine(kids[0]!), `专栏${m![1]} is an indicator table box and must be empty`);
          checkBlocks(kids, { number: m![1]!, line });
          break;
        }
        default:
          fail(`${node.type} is outside the plan's Markdown subset (paragraphs, ## and ### headings, lists, **bold**, :::box)`);
      }
    });
  };
  checkBlocks(childrenOf(root), null);
}

/**
 * Fails the build, with file:line, on anything outside the plan's Markdown subset. Runs first,
 * so the plugins after it can rely on the subset's shapes.
 */
export const planSubset = defineMdastPlugin({
  name: "plan-subset",
  options: { position: true },
  before(root, ctx) {
    if (!isChapter(ctx)) return;
    const loc = sourceOf(ctx);
    checkLines(ctx.source, loc);
    checkTree(root, ctx.source, loc, ((ctx.data as PlanData).planSectionLines = new Map()));
  },
});
