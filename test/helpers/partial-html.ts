// A slow network delivers a page in pieces and the browser paints what it has. This serves the
// page cut after each element (closing tag) between two markers, with scripts off as before any
// runs, and lists the elements matching `selector` that are drawn somewhere other than where the
// whole page draws them: each is a layout shift on load. Cuts inside an element's own text (a
// button whose word has not arrived, a few bytes) are left out, and so are boxes of no area.
import type { Browser, BrowserContextOptions, Page } from "playwright-core";

export async function movesWhileArriving(
  browser: Browser,
  options: BrowserContextOptions,
  url: string,
  region: { from: string; to: string },
  selector: string,
): Promise<{ drawn: number; moved: string[] }> {
  const html = await (await fetch(url)).text();
  const start = html.indexOf(region.from);
  const end = html.indexOf(region.to, start);
  if (start < 0 || end < 0) throw new Error(`${url}: ${region.from} … ${region.to} not in the page`);
  const context = await browser.newContext({ ...options, javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    const positions = (p: Page) =>
      p.evaluate(
        (sel) =>
          [...document.querySelectorAll(sel)]
            .filter((e) => {
              // A box of no area draws nothing (an empty list or form before its items arrive).
              const r = e.getBoundingClientRect();
              return r.width > 0 && r.height > 0 && !e.closest(".visually-hidden");
            })
            .map((e, i) => `${i} ${e.tagName.toLowerCase()} ${Math.round(e.getBoundingClientRect().x)},${Math.round(e.getBoundingClientRect().y)}`),
        selector,
      );
    await page.goto(url);
    const whole = await positions(page);
    let cut = html.length;
    await page.route(url, (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html.slice(0, cut) }));
    const moved: string[] = [];
    for (let at = html.indexOf("</", start); at > 0 && at < end; at = html.indexOf("</", at + 2)) {
      cut = html.indexOf(">", at) + 1;
      await page.goto(url);
      for (const [i, p] of (await positions(page)).entries()) if (p !== whole[i]) moved.push(`cut after …${html.slice(cut - 30, cut)}: ${p}, then ${whole[i]}`);
    }
    return { drawn: whole.length, moved };
  } finally {
    await context.close();
  }
}
