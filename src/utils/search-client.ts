// Browser-side search with Pagefind's JS API (not its prebuilt UI). Used only by /search/.
// The index lives at /pagefind/ after `npm run build`; it does not exist under `astro dev`.

interface PagefindSubResult {
  title: string;
  url: string;
  excerpt: string;
}
export interface PagefindAnchor {
  element: string;
  id: string;
  text: string;
  location: number;
}
export interface PagefindResultData {
  url: string;
  excerpt: string;
  /** The page's indexed text, headings and blocks separated by ". ". */
  content: string;
  meta: { title?: string };
  anchors: PagefindAnchor[];
  sub_results: PagefindSubResult[];
}
interface PagefindResult {
  id: string;
  data: () => Promise<PagefindResultData>;
}
interface Pagefind {
  init: () => Promise<void>;
  options: (o: Record<string, unknown>) => Promise<void>;
  search: (q: string) => Promise<{ results: PagefindResult[] } | null>;
}

const PAGEFIND_URL = "/pagefind/pagefind.js";
/** The site has about twenty pages; every page with a hit is listed. */
const MAX_PAGES = 20;
/** Characters of context before and after a hit in an excerpt. */
const BEFORE = 20;
const AFTER = 60;

let pagefind: Promise<Pagefind> | undefined;

function loadPagefind(): Promise<Pagefind> {
  pagefind ??= (import(/* @vite-ignore */ PAGEFIND_URL) as Promise<Pagefind>).then(async (pf) => {
    await pf.options({ excerptLength: 40 });
    await pf.init();
    return pf;
  });
  return pagefind;
}

/**
 * What to ask Pagefind for. Its Chinese segmenter splits words it does not know (康养 → 康 + 养),
 * so a bare query also matches pages that only have 健康; a single Chinese term without spaces
 * is therefore searched as an exact phrase first. Returns the queries to try, in order.
 */
export function pagefindQueries(query: string): string[] {
  const q = query.trim();
  if (q === "") return [];
  const isOneChineseTerm = /^[^\s"]+$/.test(q) && /[\u3400-\u9fff]/.test(q);
  return isOneChineseTerm ? [`"${q}"`, q] : [q];
}

/** Pagefind's excerpts are HTML with <mark> around hits; keep only that markup. */
export function safeExcerpt(html: string): string {
  const text = html.replace(/<(?!\/?mark>)[^>]*>/g, "");
  return text.replace(/&(?!(?:amp|lt|gt|quot|#39|#x27|nbsp);)/g, "&amp;");
}

/**
 * The words a reader is looking for, each to be found and highlighted whole: the query split at
 * spaces, quotes dropped ("康养 产业" → 康养, 产业).
 */
export function searchTerms(query: string): string[] {
  const terms = query
    .replace(/["“”]/g, " ")
    .split(/\s+/)
    .filter((t) => t !== "");
  return [...new Set(terms)].sort((a, b) => b.length - a.length);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function termPattern(terms: string[]): RegExp | null {
  return terms.length === 0 ? null : new RegExp(terms.map(escapeRegExp).join("|"), "giu");
}

/** Escapes `text` and wraps every whole occurrence of a term in <mark>. */
export function highlight(text: string, terms: string[]): string {
  const re = termPattern(terms);
  if (!re) return escapeHtml(text);
  let out = "";
  let last = 0;
  for (const m of text.matchAll(re)) {
    out += escapeHtml(text.slice(last, m.index)) + `<mark>${escapeHtml(m[0])}</mark>`;
    last = m.index + m[0].length;
  }
  return out + escapeHtml(text.slice(last));
}

export interface SectionHit {
  /** Page address, with #id for a section. */
  url: string;
  /** The section heading; empty for the text before the first heading. */
  title: string;
  /** Whole-term occurrences in the section, its heading included. */
  count: number;
  /** Escaped text around the first hit, hits in <mark>. */
  excerpt: string;
}

/**
 * Every part of a page that contains a term, in page order: the text before the first section
 * heading, then each section (h2 with an id; boxes and subheadings belong to their section, so
 * text after a box is not credited to it). Built from the page's indexed text rather than
 * Pagefind's own sub-results, which for a phrase report only its first occurrence and for single
 * Chinese characters also count 健康 as a hit for 康养.
 */
export function sectionHits(page: Pick<PagefindResultData, "url" | "content" | "anchors">, terms: string[]): SectionHit[] {
  const re = termPattern(terms);
  if (!re) return [];
  const { content } = page;
  const base = page.url.split("#")[0]!;
  // Where each section heading's text starts in the content, in page order.
  const starts: Array<{ id: string; title: string; at: number }> = [];
  let cursor = 0;
  for (const a of [...page.anchors].filter((a) => a.element === "h2" && a.id && a.text).sort((x, y) => x.location - y.location)) {
    const at = content.indexOf(a.text, cursor);
    if (at < 0) continue;
    starts.push({ id: a.id, title: a.text, at });
    cursor = at + a.text.length;
  }
  const parts = [{ id: "", title: "", at: 0 }, ...starts];
  const hits: SectionHit[] = [];
  parts.forEach((part, i) => {
    const end = parts[i + 1]?.at ?? content.length;
    const whole = content.slice(part.at, end);
    const count = [...whole.matchAll(re)].length;
    if (count === 0) return;
    // The excerpt is from the text under the heading; the heading is shown as the link.
    const bodyStart = part.title ? Math.min(whole.length, part.title.length) : 0;
    const body = whole.slice(bodyStart).replace(/^[.\s]+/, "").trimEnd();
    const matches = [...body.matchAll(re)].map((m) => [m.index, m.index + m[0].length] as const);
    const first = matches[0]?.[0] ?? 0;
    let from = Math.max(0, first - BEFORE);
    let to = Math.min(body.length, first + AFTER);
    // Never cut a hit in two at either end.
    for (const [a, b] of matches) {
      if (a < from && from < b) from = a;
      if (a < to && to < b) to = b;
    }
    const text = readable(body.slice(from, to));
    const excerpt = (from > 0 ? "…" : "") + highlight(text, terms) + (to < body.length ? "…" : "");
    hits.push({ url: part.id ? `${base}#${part.id}` : base, title: part.title, count, excerpt });
  });
  return hits;
}

/**
 * Pagefind ends each heading and block that lacks its own full stop with ". "; in Chinese text
 * that reads as a stray Latin period, so it becomes a Chinese one.
 */
export const readable = (text: string): string => text.replace(/(?<=[^\x00-\x7f])\. /g, "。");

/** "专栏4“十四五”…" reads better with a space after the box number. */
export const displayTitle = (title: string): string => title.replace(/^(专栏\d+)(?=\S)/, "$1 ");

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

let generation = 0;

/** Runs a query and renders results into `list`, with a summary in the live `status` region. */
export async function runSearch(query: string, { status, list }: { status: HTMLElement; list: HTMLElement }): Promise<void> {
  const mine = ++generation;
  const q = query.trim();
  if (!q) {
    list.replaceChildren();
    status.textContent = "";
    return;
  }
  status.textContent = "正在搜索…";
  let results: PagefindResultData[];
  let total: number;
  try {
    const pf = await loadPagefind();
    let all: PagefindResult[] = [];
    for (const attempt of pagefindQueries(q)) {
      all = (await pf.search(attempt))?.results ?? [];
      if (mine !== generation) return;
      if (all.length > 0) break;
    }
    total = all.length;
    results = await Promise.all(all.slice(0, MAX_PAGES).map((r) => r.data()));
  } catch {
    if (mine !== generation) return;
    status.textContent = "搜索暂时不可用。可以从规划全文目录按章节查找。";
    return;
  }
  if (mine !== generation) return;
  const terms = searchTerms(q);
  const pages = results
    .map((r, rank) => {
      const hits = sectionHits(r, terms);
      return { r, rank, hits, count: hits.reduce((n, h) => n + h.count, 0) };
    })
    // Pages where the words occur most come first; Pagefind's order breaks ties.
    .sort((a, b) => b.count - a.count || a.rank - b.rank);
  list.replaceChildren(
    ...pages.map(({ r, hits, count }) => {
      const li = el("li", { class: "result" });
      const h = el("h2", { class: "result-title" });
      h.append(el("a", { href: r.url }, r.meta.title ?? r.url));
      if (count > 0) h.append(" ", el("span", { class: "count" }, `${count} 处`));
      li.append(h);
      const intro = hits.find((x) => x.title === "");
      const sections = hits.filter((x) => x.title !== "");
      if (hits.length === 0) {
        // No whole-word hit in the indexed text (Pagefind matched a stem or a part): its own excerpt.
        const p = el("p", { class: "excerpt" });
        p.innerHTML = safeExcerpt(r.excerpt);
        li.append(p);
      }
      if (intro) {
        const p = el("p", { class: "excerpt" });
        p.innerHTML = intro.excerpt;
        li.append(p);
      }
      if (sections.length > 0) {
        const ul = el("ul", { class: "sub" });
        for (const s of sections) {
          const item = el("li");
          const head = el("p", { class: "sub-title" });
          head.append(el("a", { href: s.url }, displayTitle(s.title)), " ", el("span", { class: "count" }, `${s.count} 处`));
          const p = el("p", { class: "excerpt" });
          p.innerHTML = s.excerpt;
          item.append(head, p);
          ul.append(item);
        }
        li.append(ul);
      }
      return li;
    }),
  );
  status.textContent = total === 0 ? `没有找到“${q}”。` : total > MAX_PAGES ? `“${q}”出现在 ${total} 个页面中，下面是最相关的 ${MAX_PAGES} 个。` : `“${q}”出现在 ${total} 个页面中。`;
}
