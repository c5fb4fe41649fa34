// A chapter's HTML layout, on the hast tree: each `## 第X节` heading and what follows it become a
// <section class="plan-section"> whose heading carries a `#` link to itself; `###` sub-headings
// take the level below their container (h3 in a section, h4 inside a 专栏); the simulator links
// of src/utils/simulator-links.ts get a slot after the paragraph they follow.
//
// Astro's heading-ids pass (which runs after every user plugin) gives an id to each heading
// element that has none and lists it in the entry's `headings`. The plan's anchors are its
// sections and boxes, and `headings` is where the pages read the section list from, so the
// `#` link and the sub-headings are written as raw HTML around their content: the link's "#"
// stays out of the heading's text, and sub-headings get no anchor of their own.
import { defineHastPlugin, type HastNode } from "satteri";
import type { Element, ElementContent, Root, RootContent } from "hast";
import { failAt, isChapter, sourceOf, type PlanData } from "./source";
import { SLOT_TAG, slotElement } from "./slots";

/** Where a simulator-links line goes: after the first paragraph of `section` holding `after`'s words. */
export interface SlotAfter {
  chapter: string;
  section: string;
  after: string;
}

/** Label of a section's `#` link, for screen readers: “本节链接：第一节 拉开城市发展骨架”. */
const sectionLinkLabel = (heading: string): string => `本节链接：${heading}`;

type Raw = { type: "raw"; value: string };
type Node = RootContent | ElementContent | Raw;

const escapeHtml = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const raw = (value: string): Raw => ({ type: "raw", value });
const isElement = (n: Node | undefined, tag?: string): n is Element => n?.type === "element" && (tag === undefined || n.tagName === tag);
const isBlank = (n: Node): boolean => n.type === "text" && n.value.trim() === "";
const classes = (e: Element): unknown[] => (Array.isArray(e.properties?.className) ? e.properties.className : []);
const squeeze = (s: string): string => s.replace(/\s+/g, "");

/** Text of a node as a reader sees it (raw HTML left out). */
function textOf(n: Node): string {
  if (n.type === "text") return n.value;
  return "children" in n ? n.children.map((c) => textOf(c as Node)).join("") : "";
}

/**
 * Block children without the line breaks between them (the pages never had them), with
 * sub-headings demoted to `level` and slots told which section they stand in.
 */
function blocks(children: readonly Node[], level: 3 | 4, section: string | undefined): Node[] {
  const out: Node[] = [];
  for (const n of children) {
    if (isBlank(n)) continue;
    if (n.type !== "element") {
      out.push(n);
    } else if (n.tagName === "h3" && n.properties?.id === undefined) {
      out.push(raw(`<h${level} class="subheading">`), ...(n.children as Node[]), raw(`</h${level}>`));
    } else if (n.tagName === "section" && classes(n).includes("box")) {
      out.push({ ...n, children: n.children.filter((c) => !isBlank(c)).map((c) => (isElement(c, "div") ? { ...c, children: blocks(c.children, 4, section) } : c)) as ElementContent[] });
    } else if (n.tagName === "ol" || n.tagName === "ul") {
      out.push({ ...n, children: n.children.filter((c) => !isBlank(c)) });
    } else if (n.tagName === SLOT_TAG && section) {
      out.push({ ...n, properties: { ...n.properties, dataSection: section } });
    } else {
      out.push(n);
    }
  }
  return out;
}

/** `## 第一节 标题 {#section-1}` → <section class="plan-section"> with the heading's `#` link. */
function sectionOf(h2: Element, body: Node[]): Element {
  const id = String(h2.properties.id);
  const heading = textOf(h2);
  const anchor = `<a class="section-anchor" href="#${escapeHtml(id)}" aria-label="${escapeHtml(sectionLinkLabel(heading))}" data-pagefind-ignore>#</a>`;
  return {
    type: "element",
    tagName: "section",
    properties: { className: ["plan-section"], ariaLabelledBy: [`${id}-title`] },
    children: [
      {
        type: "element",
        tagName: "h2",
        properties: { id },
        children: [{ type: "element", tagName: "span", properties: { id: `${id}-title` }, children: h2.children }, raw(anchor) as unknown as ElementContent],
      },
      ...(body as ElementContent[]),
    ],
  };
}

export function planLayout(options: { sectionLinks?: readonly SlotAfter[]; cacheKey?: string } = {}) {
  const sectionLinks = options.sectionLinks ?? [];
  return defineHastPlugin({
    name: "plan-layout",
    options: { position: true },
    // Plain data on the plugin object: Astro keys its content cache on the config, so a changed
    // simulator link, or plugin code (cacheKey, see index.ts), re-renders the chapters.
    sectionLinks,
    cacheKey: options.cacheKey,
    before(root, ctx) {
      if (!isChapter(ctx)) return;
      const slug = (ctx.data as PlanData).astro?.frontmatter?.slug;
      const children = root.children as readonly Node[];
      const firstH2 = children.findIndex((n) => isElement(n, "h2"));
      const out: Node[] = blocks(firstH2 < 0 ? children : children.slice(0, firstH2), 3, undefined);
      if (firstH2 >= 0) {
        let start = firstH2;
        while (start < children.length) {
          const h2 = children[start] as Element;
          let end = start + 1;
          while (end < children.length && !isElement(children[end], "h2")) end++;
          const id = String(h2.properties.id);
          const body = blocks(children.slice(start + 1, end), 3, id);
          for (const link of sectionLinks.filter((l) => l.chapter === slug && l.section === id)) {
            const at = body.findIndex((n) => isElement(n, "p") && squeeze(textOf(n)).includes(squeeze(link.after)));
            if (at < 0) failAt(sourceOf(ctx), (ctx.data as PlanData).planSectionLines?.get(id) ?? 1, `src/utils/simulator-links.ts: no paragraph of ${slug}#${id} has the words “${link.after}”`);
            body.splice(at + 1, 0, slotElement({ kind: "sim-links", section: id }));
          }
          out.push(sectionOf(h2, body));
          start = end;
        }
      }
      ctx.replaceNode(root, { type: "root", children: out } as Root as unknown as HastNode);
    },
  });
}
