// Where a chapter's Markdown came from, so that every plugin's error names the file and the line
// a person would open. Astro hands the processor the body without its front matter (and trimmed),
// so parser lines are shifted by the lines above the body.
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";

export class PlanMarkdownError extends Error {
  constructor(
    message: string,
    /** 1-based line in the file (or in the Markdown string when there is no file). */
    readonly line: number,
    readonly source?: string,
  ) {
    super(`${source ? `${source}:` : "line "}${line}: ${message}`);
    this.name = "PlanMarkdownError";
  }
}

export interface SourceLocation {
  /** Path relative to the working directory ("content/plan/03-twin-cores.md"), or undefined for a bare string. */
  file: string | undefined;
  /** Lines of the file above the Markdown the parser saw. */
  lineOffset: number;
}

/** Per-document state the plan plugins share through satteri's `ctx.data`. */
export interface PlanData {
  planSource?: SourceLocation;
  /** Parser line of each section heading, by id (filled by plan-subset), for later errors. */
  planSectionLines?: Map<string, number>;
  astro?: { frontmatter?: Record<string, unknown> };
}

export function locate(fileURL: URL | undefined, body: string): SourceLocation {
  if (!fileURL) return { file: undefined, lineOffset: 0 };
  const path = fileURLToPath(fileURL);
  const file = relative(process.cwd(), path);
  const norm = (s: string) => s.replace(/\r\n?/g, "\n");
  const raw = norm(readFileSync(path, "utf8"));
  const at = body === "" ? -1 : raw.lastIndexOf(norm(body));
  return { file, lineOffset: at < 0 ? 0 : raw.slice(0, at).split("\n").length - 1 };
}

/**
 * Whether a document is one of the plan's chapters (content/plan/*.md), the only Markdown the
 * plan's plugins change; other Markdown (content/data/SOURCES.md on /about/) passes through as
 * Astro renders it. A string with no file (the plugins' tests) counts as a chapter.
 */
export function isChapter(ctx: { fileURL: URL | undefined }): boolean {
  return !ctx.fileURL || /\/content\/plan\/[^/]+\.md$/.test(ctx.fileURL.pathname);
}

/** The document's location, computed once per document by whichever plugin asks first. */
export function sourceOf(ctx: { data: object; fileURL: URL | undefined; source: string }): SourceLocation {
  const data = ctx.data as PlanData;
  data.planSource ??= locate(ctx.fileURL, ctx.source);
  return data.planSource;
}

/** Throws a PlanMarkdownError at a parser line (1-based, in the string the parser saw). */
export function failAt(loc: SourceLocation, parserLine: number, message: string): never {
  throw new PlanMarkdownError(message, parserLine + loc.lineOffset, loc.file);
}
