// Blocks whose last line holds one character alone, as the reader sees them laid out.
import type { Page } from "playwright-core";

/**
 * Elements matching `selector` (paragraphs, list items, headings, notes) that wrap and end in a
 * line of one character, with or without its punctuation: Chinese typesetting avoids it. The
 * last line's characters are read from each character's position. Parts the page skips until
 * they near the screen (content-visibility) are laid out first.
 */
export function shortLastLines(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((selector) => {
    const style = document.createElement("style");
    style.textContent = "main * { content-visibility: visible !important; }";
    document.head.append(style);
    const out: string[] = [];
    for (const el of document.querySelectorAll(selector)) {
      const chars: { top: number; ch: string }[] = [];
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? "";
        // Text of nested blocks (a nested list) is their own.
        if (node.parentElement?.closest(selector) !== el) continue;
        for (let i = 0; i < text.length; i++) {
          if (!text[i]!.trim() || text[i] === "#") continue;
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const rect = range.getClientRects()[0];
          if (rect) chars.push({ top: Math.round(rect.top), ch: text[i]! });
        }
      }
      const tops = [...new Set(chars.map((c) => c.top))];
      if (tops.length < 2) continue;
      const bottom = Math.max(...tops);
      const last = chars.filter((c) => c.top >= bottom - 2).map((c) => c.ch).join("");
      if (last.replace(/[\p{P}]/gu, "").length <= 1) out.push(`${el.tagName.toLowerCase()} "${(el.textContent ?? "").trim().slice(0, 24)}…" ends in "${last}"`);
    }
    style.remove();
    return out;
  }, selector);
}
