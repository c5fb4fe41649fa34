// Chinese typesetting does not end a paragraph with one character alone on its last line.
// Browsers with `text-wrap: pretty` (global.css) avoid it themselves; older engines do not
// (Chrome before 117, Safari before 26: the WebView WeChat opens links in on many phones), and
// there about one chapter paragraph in ten ended so. So the last two characters of each
// paragraph, list item, heading and 专栏 name, with the punctuation after them, are kept on one
// line (a nowrap span, .nobr): the last line then holds at least two. The text is unchanged.
import { defineHastPlugin, type HastNode } from "satteri";
import type { Element, ElementContent, Root, RootContent, Text } from "hast";
import { isChapter } from "./source";
import { lastTwoAt } from "../utils/format";
/** Elements whose text wraps as a block: paragraphs, list items, section and sub-headings. */
const BLOCKS = new Set(["p", "li", "h2", "h3"]);
/** A 专栏's name, the end of its heading (box.ts). */
const isBoxName = (e: Element) => e.tagName === "span" && Array.isArray(e.properties?.className) && e.properties.className.includes("box-name");

/** The text split before its last two characters (lastTwoAt), or null where that is not needed. */
function splitBeforeLastTwo(text: string): [Text, Element] | null {
  const at = lastTwoAt(text);
  if (at === null) return null;
  return [
    { type: "text", value: text.slice(0, at) },
    { type: "element", tagName: "span", properties: { className: ["nobr"] }, children: [{ type: "text", value: text.slice(at) }] },
  ];
}

/** Inline elements a block may end inside: "<li><strong>…项目建设。</strong></li>". */
const INLINE = new Set(["strong", "em", "b", "a"]);

/** The children with the last text (at the end, or at the end of a closing bold run) split. */
function withLastTwoKept(children: ElementContent[]): ElementContent[] {
  const last = children[children.length - 1];
  if (last?.type === "text") {
    const split = splitBeforeLastTwo(last.value);
    return split ? [...children.slice(0, -1), ...split] : children;
  }
  if (last?.type === "element" && INLINE.has(last.tagName)) return [...children.slice(0, -1), { ...last, children: withLastTwoKept(last.children) }];
  return children;
}

function keepLastTwo<N extends RootContent | ElementContent>(n: N): N {
  if (n.type !== "element") return n;
  const children = n.children.map(keepLastTwo);
  return { ...n, children: BLOCKS.has(n.tagName) || isBoxName(n) ? withLastTwoKept(children) : children };
}

export const planLastLine = defineHastPlugin({
  name: "plan-last-line",
  before(root, ctx) {
    if (!isChapter(ctx)) return;
    const tree = root as unknown as Root;
    ctx.replaceNode(root, { type: "root", children: tree.children.map(keepLastTwo) } as Root as unknown as HastNode);
  },
});
