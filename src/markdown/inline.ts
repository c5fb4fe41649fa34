// The plan's inline text: plain words and **bold** lead-ins, nothing else. CommonMark's emphasis
// rules were written for space-separated languages: `**片区改造。**在新规划…` is not bold there
// (the closing ** follows punctuation and precedes a letter), which would lose 48 of the plan's 57
// bold runs. And satteri's directive syntax reads `:34` in the ratio `0.4:34.8:64.8` as a text
// directive. So this plugin rebuilds each paragraph's and heading's inline content from its
// source line with the plan's own rule: ** opens and closes bold, on the same line.
import { defineMdastPlugin, type MdastVisitorContext } from "satteri";
import type { Heading, Paragraph, PhrasingContent } from "mdast";
import { failAt, isChapter, sourceOf } from "./source";

export type Inline = { type: "text"; value: string } | { type: "strong"; children: [{ type: "text"; value: string }] };

/** Splits a line's text into plain and bold runs; returns an error message for what the subset does not have. */
export function parseInline(text: string): Inline[] | string {
  const parts = text.split("**");
  if (parts.length % 2 === 0) return "unbalanced ** (bold must open and close on the same line)";
  const out: Inline[] = [];
  for (const [i, part] of parts.entries()) {
    if (part.includes("*")) return "a single * is not allowed (only **bold**)";
    if (i % 2 === 1) {
      if (part.trim() === "") return "empty bold run **…**";
      if (part !== part.trim()) return "bold text must not start or end with a space";
      out.push({ type: "strong", children: [{ type: "text", value: part }] });
    } else if (part !== "") {
      out.push({ type: "text", value: part });
    }
  }
  return out;
}

type WithPosition = { position?: { start: { line: number; offset?: number }; end: { offset?: number } } };

function rebuild(node: Readonly<Paragraph | Heading>, ctx: MdastVisitorContext): Paragraph | Heading | undefined {
  if (!isChapter(ctx)) return undefined;
  const kids = node.children as ReadonlyArray<PhrasingContent & WithPosition>;
  const first = kids[0]?.position?.start;
  const last = kids.at(-1)?.position?.end;
  if (first?.offset === undefined || last?.offset === undefined) return undefined;
  const text = ctx.source.slice(first.offset, last.offset);
  const runs = parseInline(text);
  if (typeof runs === "string") failAt(sourceOf(ctx), first.line, runs);
  return { ...node, children: runs } as Paragraph | Heading;
}

export const planInline = defineMdastPlugin({
  name: "plan-inline",
  options: { position: true },
  paragraph: (node, ctx) => rebuild(node, ctx),
  heading: (node, ctx) => rebuild(node, ctx),
});
