// Chinese typesetting does not end a paragraph with one character alone on its last line.
// Browsers with `text-wrap: pretty` (global.css) avoid it themselves; older engines do not
// (Chrome before 117, Safari before 26: the WebView WeChat opens links in on many phones), and
// there about one chapter paragraph in ten ended so. So the last two characters of each
// paragraph, list item, heading and 专栏 name, with the punctuation after them, are kept on one
// line (a nowrap span, .nobr): the last line then holds at least two. The text is unchanged.
import { defineHastPlugin, type HastNode } from "satteri";
import type { Element, ElementContent, Root, RootContent, Text } from "hast";
import { isChapter } from "./source";

const HAN = /\p{Script=Han}/u;
/** What may follow the last two characters: closing punctuation and spaces. */
const TRAILING = /[\s，。、；：？！）》」』】〕〉”’…]/u;
/** Elements whose text wraps as a block: paragraphs, list items, section and sub-headings. */
const BLOCKS = new Set(["p", "li", "h2", "h3"]);
/** A 专栏's name, the end of its heading (box.ts). */
const isBoxName = (e: Element) => e.tagName === "span" && Array.isArray(e.properties?.className) && e.properties.className.includes("box-name");

/** The text split before its last two Han characters, or null where that is not needed. */
function splitBeforeLastTwo(text: string): [Text, Element] | null {
  const chars = Array.from(text);
  let end = chars.length;
  while (end > 0 && TRAILING.test(chars[end - 1]!)) end--;
  // Fewer than two characters before the pair: a text that short fits on one line anyway.
  if (end < 4 || !HAN.test(chars[end - 1]!) || !HAN.test(chars[end - 2]!)) return null;
  const at = end - 2;
  return [
    { type: "text", value: chars.slice(0, at).join("") },
    { type: "element", tagName: "span", properties: { className: ["nobr"] }, children: [{ type: "text", value: chars.slice(at).join("") }] },
  ];
}

function keepLastTwo<N extends RootContent | ElementContent>(n: N): N {
  if (n.type !== "element") return n;
  const children = n.children.map(keepLastTwo);
  const last = children[children.length - 1];
  if ((BLOCKS.has(n.tagName) || isBoxName(n)) && last?.type === "text") {
    const split = splitBeforeLastTwo(last.value);
    if (split) children.splice(children.length - 1, 1, ...split);
  }
  return { ...n, children };
}

export const planLastLine = defineHastPlugin({
  name: "plan-last-line",
  before(root, ctx) {
    if (!isChapter(ctx)) return;
    const tree = root as unknown as Root;
    ctx.replaceNode(root, { type: "root", children: tree.children.map(keepLastTwo) } as Root as unknown as HastNode);
  },
});
