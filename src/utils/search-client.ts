// Browser-side search with Pagefind's JS API (not its prebuilt UI). Used only by /search/.
// The index lives at /pagefind/ after `npm run build`; it does not exist under `astro dev`.

interface PagefindSubResult {
  title: string;
  url: string;
  excerpt: string;
}
interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: { title?: string };
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
const MAX_PAGES = 10;
const MAX_SUBS = 3;

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
  list.replaceChildren(
    ...results.map((r) => {
      const li = el("li", { class: "result" });
      const h = el("h2", { class: "result-title" });
      h.append(el("a", { href: r.url }, r.meta.title ?? r.url));
      li.append(h);
      const subs = r.sub_results.filter((s) => s.url !== r.url).slice(0, MAX_SUBS);
      if (subs.length === 0) {
        const p = el("p", { class: "excerpt" });
        p.innerHTML = safeExcerpt(r.excerpt);
        li.append(p);
      } else {
        const ul = el("ul", { class: "sub" });
        for (const s of subs) {
          const item = el("li");
          item.append(el("a", { href: s.url }, s.title));
          const p = el("p", { class: "excerpt" });
          p.innerHTML = safeExcerpt(s.excerpt);
          item.append(p);
          ul.append(item);
        }
        li.append(ul);
      }
      return li;
    }),
  );
  status.textContent = total === 0 ? `没有找到“${q}”。` : total > MAX_PAGES ? `“${q}”出现在 ${total} 个页面中，下面是最相关的 ${MAX_PAGES} 个。` : `“${q}”出现在 ${total} 个页面中。`;
}
