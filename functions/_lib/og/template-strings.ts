// The only text the social preview image can draw, in one place: scripts/build-og-font.mjs
// subsets the font to OG_CHARSET, and the renderer refuses any other character. So the
// caller builds titles, labels and footers from OG_TEXT (and numbers), never from user input:
// a scenario's own title belongs in the page's text tags, not in the picture.
//
// This file must stay free of imports and of TypeScript-only runtime syntax: the build script
// loads it directly with Node's type stripping.

export const OG_TEXT = {
  // Titles and framing
  title: "城区“十四五”情景模拟",
  siteName: "晋城市城区“十四五”规划",
  planName: "晋城市城区“十四五”规划和2035年远景目标纲要",
  simulator: "情景模拟",
  sharedScenario: "分享的情景",
  defaultScenario: "规划目标情景",
  fallbackTagline: "规划全文·主要指标·情景模拟",
  fallbackSubline: "2025年规划目标·2035年远景目标",
  disclaimer: "模拟结果，非官方预测",

  // Series (names as the plan writes them; see content/indicators)
  gdpReal: "地区生产总值",
  gdpNominal: "地区生产总值（当年价）",
  residentPopulation: "常住人口",
  gdpPerCapita: "人均地区生产总值",
  urbanIncome: "城镇居民人均可支配收入",
  servicesValueAdded: "服务业增加值",
  servicesShare: "服务业增加值比重",
  nationalUrbanIncome: "全国城镇居民人均可支配收入",
  nationalGdpPerCapita: "全国人均国内生产总值",

  // Price bases and units
  constantPrices: "2020年不变价",
  currentPrices: "当年价",
  prices2020: "2020年价格",
  unitHundredMillionYuan: "亿元",
  unitTenThousandPersons: "万人",
  unitYuan: "元",
  unitPercent: "%",

  // Legend, figures and checks
  scenario: "情景",
  target: "规划目标",
  targetPath: "规划目标路径",
  actual: "实际",
  year2020: "2020年",
  year2025: "2025年",
  year2035: "2035年",
  baseYear: "基准年",
  averageGrowth: "年均增长",
  growthRate: "增速",
  targetMet: "达到目标",
  targetMissed: "未达目标",
  aboveNational: "高于全国",
  belowNational: "低于全国",
  doubling: "翻一番",
  catchUpYear: "追上全国",
  versus: "对比",
  median: "中位数",
  probability: "概率",
} as const;

export type OgTextKey = keyof typeof OG_TEXT;

// Digits, the printable ASCII range (URLs, Latin labels) and the punctuation that zh-CN
// number formatting and the templates use. U+2212 is the typographic minus.
const ASCII_PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join("");
const EXTRA_PUNCTUATION = "，。、：；（）“”‘’—–−·…《》〔〕≥≤×÷±→↑↓";

function uniqueSorted(text: string): string {
  return [...new Set(Array.from(text))].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!).join("");
}

/** Every character the bundled font subset can draw, sorted by code point, no duplicates. */
export const OG_CHARSET: string = uniqueSorted(
  ASCII_PRINTABLE + EXTRA_PUNCTUATION + Object.values(OG_TEXT).join(""),
);
