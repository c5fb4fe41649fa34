// The words of the site's chrome (header, navigation, search box, footer, skip link) in both
// languages. Reading pages are Chinese; the simulator can be switched to English, and then its
// chrome follows (src/components/simulator/chrome.ts). Each language must give every string:
// a missing translation does not compile.
import { navItems, planDocument, siteName } from "./site";

export type { Lang as ChromeLang } from "../lib/lang";
import type { Lang as ChromeLang } from "../lib/lang";

/** Text with links: plain strings and {href, text} pieces. */
export type Segments = readonly (string | { href: string; text: string })[];

export interface ChromeStrings {
  siteName: string;
  skipLink: string;
  navLabel: string;
  nav: Record<(typeof navItems)[number]["href"], string>;
  searchLabel: string;
  searchPlaceholder: string;
  searchButton: string;
  footerSource: Segments;
  footerLicence: Segments;
  /** The document's <title> after the page's own: "情景模拟 | 城区“十四五”规划". */
  titleSeparator: string;
}

export const chrome: Record<ChromeLang, ChromeStrings> = {
  zh: {
    siteName,
    skipLink: "跳到正文",
    navLabel: "网站导航",
    nav: { "/": "首页", "/plan/": "规划全文", "/indicators/": "指标", "/simulate/": "模拟器", "/about/": "关于" },
    searchLabel: "搜索规划全文",
    searchPlaceholder: "搜索，如：康养",
    searchButton: "搜索",
    footerSource: [`本站收录《${planDocument.title}》（${planDocument.issuer}${planDocument.documentNumber}）全文，文字以原件为准，修订见`, { href: "/about/#corrections", text: "勘误说明" }, "。"],
    footerLicence: ["非官方网站。代码以 MIT 许可证开源；规划文本为公开的政府文件；统计数据以各自来源为准，见", { href: "/about/#sources", text: "数据来源" }, "。"],
    titleSeparator: " | ",
  },
  en: {
    siteName: "Chengqu 14th Five-Year Plan",
    skipLink: "Skip to content",
    navLabel: "Site",
    nav: { "/": "Home", "/plan/": "Plan", "/indicators/": "Indicators", "/simulate/": "Simulator", "/about/": "About" },
    searchLabel: "Search the plan (in Chinese)",
    searchPlaceholder: "Search, e.g. 康养",
    searchButton: "Search",
    footerSource: [
      `This site publishes the full text of the 14th Five-Year Plan and 2035 long-range objectives of Chengqu District, Jincheng (${planDocument.issuer}, ${planDocument.documentNumber}), in Chinese; the original document prevails. Corrections: see `,
      { href: "/about/#corrections", text: "corrections" },
      ".",
    ],
    footerLicence: ["Not an official website. Code under the MIT licence; the plan is a public government document; statistics as published by their sources, see ", { href: "/about/#sources", text: "data sources" }, "."],
    titleSeparator: " | ",
  },
};
