// What a share says about itself: the page title, the description and the preview tags (text,
// where the user's title and note may appear, escaped), and the data of the preview image
// (template text and numbers only). Figures come from the stored scenario's projection.
import { defaultScenario, project, YEARS, type Projection } from "../../src/lib/model";
import { OG_TEXT, type OgData } from "./og";
import { storedFormulas } from "./scenario";
import type { HeadTags } from "./page";
import type { Share } from "./share";
import { clip, escapeHtml } from "./text";

export const SITE_NAME = "晋城市城区“十四五”规划";
const DEFAULT_TITLE = "城区“十四五”情景模拟 · 分享的情景";
const TITLE_SUFFIX = " · 城区“十四五”情景模拟";

const YEAR_2025 = 2025 - YEARS[0]!; // index in the projection's per-year arrays
const YEAR_2035 = 2035 - YEARS[0]!;

// Also used for the image's figures ("1,234亿元"): grouping commas and digits are in its font subset.
const whole = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat("zh-CN", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/**
 * The deterministic projection of a share (its formulas compiled first), or null when it
 * cannot be computed (formulas that no longer compile or give no usable value).
 */
export async function projectShare(share: Share): Promise<Projection | null> {
  const formulas = await storedFormulas(share.scenario);
  if (formulas === null) return null;
  const result = project(share.scenario, formulas);
  return result.ok ? result.projection : null;
}

let planPath: number[] | null | undefined;
/** Real GDP on the plan-targets preset: the dashed comparison line in the image. */
function planGdpReal(): number[] | null {
  if (planPath === undefined) {
    const r = project(defaultScenario);
    planPath = r.ok ? r.projection.gdpReal : null;
  }
  return planPath;
}

/** One sentence of figures with units and price basis; a projection, so rounded. */
export function figuresSentence(p: Projection): string {
  return (
    `地区生产总值2025年${whole.format(p.gdpReal[YEAR_2025]!)}亿元、2035年${whole.format(p.gdpReal[YEAR_2035]!)}亿元（2020年不变价）；` +
    `2035年常住人口${oneDecimal.format(p.residentPopulation[YEAR_2035]! / 10_000)}万人，` +
    `城镇居民人均可支配收入${whole.format(Math.round(p.urbanIncome[YEAR_2035]! / 100) * 100)}元（现价）。模拟结果，非官方预测。`
  );
}

const GENERIC_SENTENCE = "晋城市城区“十四五”规划和2035年远景目标：自定义假设下的情景模拟。模拟结果，非官方预测。";

function meta(attr: "name" | "property", key: string, value: string): string {
  return `<meta ${attr}="${key}" content="${escapeHtml(value)}">`;
}

export function shareTitle(share: Share): string {
  return share.row.title ? share.row.title + TITLE_SUFFIX : DEFAULT_TITLE;
}

export async function shareHead(share: Share, origin: string, encodedScenario: string): Promise<HeadTags> {
  const { row } = share;
  const pageUrl = `${origin}/s/${row.id}`;
  const imageUrl = `${origin}/og/${row.id}.png`;
  const title = shareTitle(share);
  const projection = await projectShare(share);
  const figures = projection ? figuresSentence(projection) : GENERIC_SENTENCE;
  const description = clip(row.note ? `${row.note}｜${figures}` : figures, 200);
  const imageAlt = `情景模拟图：地区生产总值（2020年不变价）2020—2035年走势。${figures}`;

  const tags = [
    meta("name", "description", description),
    // User-made content: reachable by link, kept out of search indexes.
    meta("name", "robots", "noindex, follow"),
    `<link rel="canonical" href="${escapeHtml(pageUrl)}">`,
    meta("name", "scenario", encodedScenario),
    meta("name", "scenario-id", row.id),
    row.title ? meta("name", "scenario-title", row.title) : "",
    row.note ? meta("name", "scenario-note", row.note) : "",
    meta("property", "og:type", "website"),
    meta("property", "og:site_name", SITE_NAME),
    meta("property", "og:locale", "zh_CN"),
    meta("property", "og:url", pageUrl),
    meta("property", "og:title", title),
    meta("property", "og:description", description),
    meta("property", "og:image", imageUrl),
    meta("property", "og:image:type", "image/png"),
    meta("property", "og:image:width", "1200"),
    meta("property", "og:image:height", "630"),
    meta("property", "og:image:alt", imageAlt),
    // QQ and WeChat link previews read schema.org microdata rather than Open Graph.
    `<meta itemprop="name" content="${escapeHtml(title)}">`,
    `<meta itemprop="description" content="${escapeHtml(description)}">`,
    `<meta itemprop="image" content="${escapeHtml(imageUrl)}">`,
    meta("name", "twitter:card", "summary_large_image"),
    meta("name", "twitter:title", title),
    meta("name", "twitter:description", description),
    meta("name", "twitter:image", imageUrl),
    meta("name", "twitter:image:alt", imageAlt),
  ];
  return { title, headHtml: tags.filter(Boolean).join("") };
}

/**
 * The preview image's data: real GDP 2020–2035 (亿元, 2020 prices) of the scenario against the
 * plan-targets preset, and the 2025/2035 figures. Null when the scenario cannot be projected here.
 */
export async function ogData(share: Share, host: string): Promise<OgData | null> {
  const p = await projectShare(share);
  if (!p) return null;
  const target = planGdpReal();
  const data: OgData = {
    title: OG_TEXT.title,
    seriesLabel: `${OG_TEXT.gdpReal}（${OG_TEXT.constantPrices}）`,
    unit: OG_TEXT.unitHundredMillionYuan,
    years: [...YEARS],
    scenario: p.gdpReal,
    figures: [
      { label: `${OG_TEXT.year2025}${OG_TEXT.gdpReal}`, value: whole.format(p.gdpReal[YEAR_2025]!) + OG_TEXT.unitHundredMillionYuan },
      { label: `${OG_TEXT.year2035}${OG_TEXT.gdpReal}`, value: whole.format(p.gdpReal[YEAR_2035]!) + OG_TEXT.unitHundredMillionYuan },
      { label: `${OG_TEXT.year2035}${OG_TEXT.residentPopulation}`, value: oneDecimal.format(p.residentPopulation[YEAR_2035]! / 10_000) + OG_TEXT.unitTenThousandPersons },
    ],
    footer: `${host}/s/${share.row.id}`,
  };
  if (target) data.target = target;
  return data;
}
