// The `:::box` directive: a 专栏 of the plan, turned into its HTML shape here, the way
// Starlight's asides turn `:::note` into an <aside>. satteri reads `:::box` as a container
// directive but keeps only the name, so the number, title and table come from the fence line
// itself (its shape is checked by plan-subset). A table box gets a slot the chapter page fills
// with IndicatorTable.astro, so the table keeps one renderer and one home for its data.
import { defineMdastPlugin } from "satteri";
import type { RootContentMap } from "mdast";
import { BOX_OPEN_LINE } from "./subset";
import { slotNode } from "./slots";
import { isChapter, sourceOf } from "./source";

export const planBox = defineMdastPlugin({
  name: "plan-box",
  options: { position: true },
  containerDirective(node, ctx) {
    if (node.name !== "box" || !node.position || !isChapter(ctx)) return;
    const fence = ctx.source.split(/\r\n?|\n/)[node.position.start.line - 1] ?? "";
    const m = BOX_OPEN_LINE.exec(fence);
    if (!m) return;
    const number = Number(m[1]);
    const title = m[2]!;
    const table = m[3];
    const id = `box-${number}`;
    const span = (className: string, value: string) => ({
      type: "emphasis" as const,
      data: { hName: "span", hProperties: { className: [className] } },
      children: [{ type: "text" as const, value }],
    });
    const body = table ? [slotNode({ kind: "table", table, box: String(number), line: String(node.position.start.line + sourceOf(ctx).lineOffset) })] : [...node.children];
    // `data.hName`/`hProperties` name the HTML element a node becomes (as in mdast-util-to-hast).
    return {
      type: "containerDirective",
      name: "box",
      attributes: {},
      data: { hName: "section", hProperties: { className: ["box"], id, ariaLabelledBy: `${id}-title` } },
      children: [
        {
          type: "paragraph",
          data: { hName: "h3", hProperties: { className: ["box-title"], id: `${id}-title` } },
          children: [span("box-label", `专栏${number}`), span("box-name", title)],
        },
        {
          type: "containerDirective",
          name: "box-body",
          attributes: {},
          data: { hName: "div", hProperties: { className: ["box-body"] } },
          children: body,
        },
      ],
    } as unknown as RootContentMap["containerDirective"];
  },
});
