// Reading the built site (dist/) and the content it was built from, for the site and e2e tests.
// Expectations come from content/ (the source), never from the HTML under test.
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { planFiles, ROOT, sectionHeadings } from "../content/content-files";

export { ROOT };
export const DIST = join(ROOT, "dist");

export interface ContentChapter {
  file: string;
  number: number;
  title: string;
  slug: string;
  sections: Array<{ number: number; title: string; id: string }>;
  body: string;
}

/** The chapters as content/plan/*.md declares them (sections from their headings), in file order. */
export function contentChapters(): ContentChapter[] {
  return planFiles().map(({ file, data, body }) => {
    const { number, title, slug } = data as Omit<ContentChapter, "file" | "body" | "sections">;
    return { file, number, title, slug, sections: sectionHeadings(body), body };
  });
}

/** dist/ file for a site path: "/plan/x/" → dist/plan/x/index.html; "/favicon.svg" → dist/favicon.svg. */
export function distFileFor(path: string): string {
  const clean = decodeURIComponent(path);
  return clean.endsWith("/") ? join(DIST, clean, "index.html") : join(DIST, clean);
}

export function readDist(path: string): string {
  return readFileSync(distFileFor(path), "utf8");
}

/** Every built HTML page as [site path, file]: dist/plan/x/index.html → "/plan/x/", dist/404.html → "/404.html". */
export function builtPages(): Array<{ path: string; file: string }> {
  const out: Array<{ path: string; file: string }> = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) {
        if (full === join(DIST, "pagefind") || full === join(DIST, "_astro")) continue;
        walk(full);
      } else if (name.endsWith(".html")) {
        const rel = "/" + relative(DIST, full).split("\\").join("/");
        out.push({ path: rel.endsWith("/index.html") || rel === "/index.html" ? rel.slice(0, -"index.html".length) : rel, file: full });
      }
    }
  };
  if (existsSync(DIST)) walk(DIST);
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", "#x27": "'" };
export const decodeEntities = (s: string): string => s.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_m, e: string) => ENTITIES[e]!);

/** Opening tags of an element, e.g. tags(html, "a"), with their attributes (double-quoted, as Astro writes them). */
export function tags(html: string, name: string): Array<Record<string, string>> {
  const out: Array<Record<string, string>> = [];
  for (const m of html.matchAll(new RegExp(`<${name}(\\s[^>]*)?>`, "gi"))) {
    const attrs: Record<string, string> = {};
    for (const a of (m[1] ?? "").matchAll(/([\w:-]+)(?:="([^"]*)")?/g)) attrs[a[1]!.toLowerCase()] = decodeEntities(a[2] ?? "");
    out.push(attrs);
  }
  return out;
}

/** All id attributes in a page. */
export function idsOf(html: string): Set<string> {
  return new Set([...html.matchAll(/\sid="([^"]*)"/g)].map((m) => decodeEntities(m[1]!)));
}

/** Text of a page with tags removed (for "does this page contain the word" checks). */
export function textOf(html: string): string {
  return decodeEntities(html.replace(/<script[\s\S]*?<\/script>/gi, "").replace(/<style[\s\S]*?<\/style>/gi, "").replace(/<[^>]+>/g, ""));
}
