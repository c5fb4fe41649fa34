// How much weight a reported figure's source carries. content/data/chengqu.csv names the kind
// of each source; the page marks figures from weak ones, so that a reader can tell a
// government report from a forum repost of it.
import { chengqu, type ChengquRow } from "./chengqu.generated";

/**
 * official: the issuing body's own site (jccq.gov.cn, stats.gov.cn); repost: the official
 * text on a news site; forum: the text posted on a forum; compilation: a third-party
 * compilation that names no document; encyclopedia: a figure cited by Wikipedia from an
 * official document we could not reach.
 */
export const SOURCE_KINDS = ["official", "repost", "forum", "compilation", "encyclopedia"] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** Kinds a reader should treat with care: nobody answers for the copy. */
export const WEAK_SOURCE_KINDS: readonly SourceKind[] = ["forum", "compilation", "encyclopedia"];

function kindOf(row: ChengquRow): SourceKind {
  const k = row.source_kind as SourceKind;
  if (!SOURCE_KINDS.includes(k)) throw new Error(`content/data/chengqu.csv: ${row.year} ${row.indicator} has source kind "${row.source_kind}", not one of ${SOURCE_KINDS.join(", ")}`);
  return k;
}

export function isWeakSource(row: ChengquRow): boolean {
  return WEAK_SOURCE_KINDS.includes(kindOf(row));
}

/** A reported figure as the charts show it: value, source text and whether the source is weak. */
export interface ReportedFigure {
  year: number;
  value: number;
  source: string;
  sourceKind: SourceKind;
  weak: boolean;
}

/** The district's reported figures of one indicator (chengqu.csv names), oldest first. */
export function reportedFigures(indicator: string): ReportedFigure[] {
  return chengqu
    .filter((r) => r.indicator === indicator)
    .sort((a, b) => a.year - b.year)
    .map((r) => ({ year: r.year, value: r.value, source: [r.source, r.note].filter(Boolean).join(" · "), sourceKind: kindOf(r), weak: isWeakSource(r) }));
}
