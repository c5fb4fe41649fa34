// Slots: places in a rendered chapter that the chapter page fills with an Astro component
// (an indicator table, the links to the simulator). Astro renders a .md entry to one HTML string
// with no component mapping (that needs MDX), so the plugins leave an empty <plan-slot> element
// with data attributes and the page splits the HTML there. Nothing else in a chapter can produce
// the element: raw HTML is outside the subset.
export const SLOT_TAG = "plan-slot";

export interface SlotData {
  kind: "table" | "sim-links";
  /** Indicator table file name (content/indicators/<table>.json), for kind "table". */
  table?: string;
  /** 专栏 number, for kind "table". */
  box?: string;
  /** Section id the slot stands in (set by the layout plugin). */
  section?: string;
  /** Line of the file that made the slot, for error messages. */
  line?: string;
}

const camel = (key: string) => `data${key[0]!.toUpperCase()}${key.slice(1)}`;
const properties = (slot: SlotData) => Object.fromEntries(Object.entries(slot).filter(([, v]) => v !== undefined).map(([k, v]) => [camel(k), v]));

/** An mdast node that becomes <plan-slot data-…> in HTML. */
export function slotNode(slot: SlotData) {
  return { type: "paragraph" as const, data: { hName: SLOT_TAG, hProperties: properties(slot) }, children: [] };
}

/** The same slot as a hast element. */
export function slotElement(slot: SlotData) {
  return { type: "element" as const, tagName: SLOT_TAG, properties: properties(slot), children: [] };
}

export type ChapterPart = { type: "html"; html: string } | { type: "slot"; slot: SlotData };

const SLOT_RE = new RegExp(`<${SLOT_TAG}((?: data-[a-z]+="[^"]*")*)></${SLOT_TAG}>`, "g");

/** Splits rendered chapter HTML into HTML runs and the slots between them, in order. */
export function splitAtSlots(html: string): ChapterPart[] {
  const parts: ChapterPart[] = [];
  let at = 0;
  for (const m of html.matchAll(SLOT_RE)) {
    if (m.index > at) parts.push({ type: "html", html: html.slice(at, m.index) });
    const slot = Object.fromEntries([...m[1]!.matchAll(/ data-([a-z]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!])) as unknown as SlotData;
    if (slot.kind !== "table" && slot.kind !== "sim-links") throw new Error(`unknown ${SLOT_TAG} kind ${JSON.stringify(slot.kind)}`);
    parts.push({ type: "slot", slot });
    at = m.index + m[0].length;
  }
  if (at < html.length) parts.push({ type: "html", html: html.slice(at) });
  if (parts.some((p) => p.type === "html" && p.html.includes(`<${SLOT_TAG}`))) throw new Error(`a <${SLOT_TAG}> in a chapter was not read as a slot`);
  return parts;
}
