// The page around the simulator follows its language: the header, navigation, search box,
// footer, skip link and <title> are server-rendered in Chinese (a static page cannot read
// ?lang= or a scenario's view.lang) and take the chosen language's words from
// src/utils/chrome-strings.ts, at the places the layout marks with data-chrome*.
import { chrome, type ChromeStrings, type Segments } from "../../utils/chrome-strings";
import type { Lang } from "./i18n";

type TextKey = { [K in keyof ChromeStrings]: ChromeStrings[K] extends string ? K : never }[keyof ChromeStrings];
type SegmentsKey = { [K in keyof ChromeStrings]: ChromeStrings[K] extends Segments ? K : never }[keyof ChromeStrings];

function setSegments(el: Element, segments: Segments): void {
  el.replaceChildren(
    ...segments.map((s) => {
      if (typeof s === "string") return document.createTextNode(s);
      const a = document.createElement("a");
      a.href = s.href;
      a.textContent = s.text;
      return a;
    }),
  );
}

/** Puts the chrome in `lang`, and the document title as "<page title> | <site name>". */
export function applyChrome(lang: Lang, pageTitle: string, root: Document = document): void {
  const words = chrome[lang];
  root.querySelectorAll<HTMLElement>("[data-chrome]").forEach((el) => {
    const text = words[el.dataset.chrome as TextKey];
    if (typeof text === "string" && el.textContent !== text) el.textContent = text;
  });
  root.querySelectorAll<HTMLElement>("[data-chrome-label]").forEach((el) => el.setAttribute("aria-label", words[el.dataset.chromeLabel as TextKey]));
  root.querySelectorAll<HTMLInputElement>("[data-chrome-placeholder]").forEach((el) => (el.placeholder = words[el.dataset.chromePlaceholder as TextKey]));
  root.querySelectorAll<HTMLElement>("[data-chrome-nav]").forEach((el) => {
    const text = words.nav[el.dataset.chromeNav as keyof ChromeStrings["nav"]];
    if (text && el.textContent?.trim() !== text) el.textContent = text;
  });
  root.querySelectorAll<HTMLElement>("[data-chrome-segments]").forEach((el) => setSegments(el, words[el.dataset.chromeSegments as SegmentsKey]));
  root.title = `${pageTitle}${words.titleSeparator}${words.siteName}`;
}
