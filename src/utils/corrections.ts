// Turns a correction's `where` ("twin-cores/section-2", "six-new/box-8", "front") into a
// label a reader understands and a link to the place, so the corrections list on /about/
// can be checked against the text it changed.
import { chapterLabel, sectionLabel } from "./format";
import { chapterHref } from "./site";

export interface ChapterRef {
  number: number;
  slug: string;
}

export interface CorrectionPlace {
  label: string;
  href: string | null;
}

export function correctionPlace(where: string, chapters: readonly ChapterRef[]): CorrectionPlace {
  if (where === "front") return { label: "印发通知与前言", href: chapterHref("front") };
  const [slug, anchor] = where.split("/");
  const chapter = chapters.find((c) => c.slug === slug);
  if (!chapter) return { label: where, href: null };
  const base = chapter.number === 0 ? "印发通知与前言" : chapterLabel(chapter.number);
  const href = chapterHref(chapter.slug);
  const section = anchor?.match(/^section-(\d+)$/);
  if (section) return { label: `${base}${sectionLabel(Number(section[1]))}`, href: `${href}#${anchor}` };
  const box = anchor?.match(/^box-(\d+)$/);
  if (box) return { label: `${base} 专栏${box[1]}`, href: `${href}#${anchor}` };
  return { label: base, href };
}
