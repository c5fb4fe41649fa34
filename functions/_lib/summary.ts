// What a share says about itself: the page title, the description and the preview tags (text,
// where the user's title and note may appear, escaped), and the data of the preview image
// (template text and numbers only). Figures come from the stored scenario's projection.
import { nationalLastReported, planTargets, project, YEARS, type Projection } from "../../src/lib/model";
import { gdpSpec, palette, seriesColour } from "../../src/components/simulator/chart-specs";
import type { ChartSpec } from "../../src/components/simulator/chart-specs";
import { formatValue, unitLabel } from "../../src/components/simulator/format";
import { t } from "../../src/components/simulator/i18n";
import { PUNCT } from "../../src/lib/lang";
import { formatDecimal } from "../../src/lib/number-format";
import { OG_TEXT, missingCharacters, titleFontLoaded, type OgData } from "./og";
import { storedFormulas, type Scenario } from "./scenario";
import { landingHtml } from "./landing";
import type { HeadTags } from "./page";
import type { Share } from "./share";
import { clip, escapeHtml } from "./text";

export const SITE_NAME = "晋城市城区“十四五”规划";
const DEFAULT_TITLE = "城区“十四五”情景模拟 · 分享的情景";
const TITLE_SUFFIX = " · 城区“十四五”情景模拟";

const YEAR_2025 = 2025 - YEARS[0]!; // index in the projection's per-year arrays
const YEAR_2035 = 2035 - YEARS[0]!;

// Figures are written by the simulator's rule per unit (format.ts), so the page, the poster
// and the preview image agree; the image's font subset has the digits, "," and ".". No Intl
// in the Functions: the first Intl object loads ICU, CPU a fresh isolate's request would pay.
const gdp = (v: number | undefined) => formatValue(v, "yi-yuan", "zh");
const persons = (v: number | undefined) => formatValue(v, "persons", "zh");
const yuan = (v: number | undefined) => formatValue(v, "yuan", "zh");

/**
 * The deterministic projection of a scenario (its formulas compiled first), or null when it
 * cannot be computed (formulas that no longer compile or give no usable value).
 */
export async function projectScenario(scenario: Scenario): Promise<Projection | null> {
  const formulas = await storedFormulas(scenario);
  if (formulas === null) return null;
  const result = project(scenario, formulas);
  return result.ok ? result.projection : null;
}

export function projectShare(share: Share): Promise<Projection | null> {
  return projectScenario(share.scenario);
}

/**
 * The GDP chart of a share as the simulator's page describes it (chart-specs.ts): the same
 * series, labels, targets and colours, for the preview image and the landing text.
 */
export function shareGdpSpec(p: Projection): ChartSpec {
  return gdpSpec({
    lang: "zh",
    prices: "constant",
    projection: p,
    scenarioLabel: t("zh", "scenario"),
    pins: [],
    bands: null,
    targets: planTargets,
    reported: { residentPopulation: [], urbanIncome: [] },
    nationalLastReported,
  });
}


/**
 * One line reading the scenario against the plan, e.g. "2025年地区生产总值低于规划目标7.3%；
 * 2035年人均地区生产总值为全国平均的102%". Both figures are projections, hence the rounding.
 */
export function scenarioReading(p: Projection): string {
  const parts: string[] = [];
  const target = shareGdpSpec(p).series.find((s) => s.kind === "target");
  const t2025 = target?.values[YEAR_2025];
  const g2025 = p.gdpReal[YEAR_2025]!;
  if (t2025 != null && t2025 > 0) {
    const gap = (g2025 / t2025 - 1) * 100;
    const rounded = Math.round(Math.abs(gap) * 10) / 10;
    parts.push(rounded === 0 ? "2025年地区生产总值与规划目标持平" : `2025年地区生产总值${gap > 0 ? "高于" : "低于"}规划目标${formatDecimal(rounded, "zh", { maximumFractionDigits: 1 })}%`);
  }
  const national = p.nationalGdpPerCapita[YEAR_2035];
  if (national != null && national > 0) {
    parts.push(`2035年人均地区生产总值为全国平均的${formatDecimal((p.gdpPerCapita[YEAR_2035]! / national) * 100, "zh", { maximumFractionDigits: 0 })}%`);
  }
  return parts.join("；");
}

/** One sentence of figures with units and price basis. */
export function figuresSentence(p: Projection): string {
  return (
    `地区生产总值2025年${gdp(p.gdpReal[YEAR_2025])}亿元、2035年${gdp(p.gdpReal[YEAR_2035])}亿元（${t("zh", "constantPrices")}）；` +
    `2035年常住人口${persons(p.residentPopulation[YEAR_2035])}万人，` +
    `城镇居民人均可支配收入${yuan(p.urbanIncome[YEAR_2035])}元（${t("zh", "currentPrices")}）。模拟结果，非官方预测。`
  );
}

// The site's own preview image (scripts/og-default.mjs), for long links, which have no drawn one.
const DEFAULT_IMAGE_PATH = "/og-default.png";
const DEFAULT_IMAGE_ALT = "晋城市城区“十四五”规划和2035年远景目标纲要 · 情景模拟";

const GENERIC_SENTENCE = "晋城市城区“十四五”规划和2035年远景目标：自定义假设下的情景模拟。模拟结果，非官方预测。";

function meta(attr: "name" | "property", key: string, value: string): string {
  return `<meta ${attr}="${key}" content="${escapeHtml(value)}">`;
}

/** The page title of a page opened from a share: the sharer's title, or a neutral one. */
function sharedPageTitle(title: string | null): string {
  return title ? title + TITLE_SUFFIX : DEFAULT_TITLE;
}

export function shareTitle(share: Share): string {
  return sharedPageTitle(share.row.title);
}

/** What a page opened from a share shows of it: the scenario and the sharer's words. */
export interface SharedScenario {
  scenario: Scenario;
  title: string | null;
  note: string | null;
}

/**
 * The head tags and the landing section of a page opened from a share. `pageUrl` and
 * `imageUrl` are on the site's configured origin (siteUrl), never the request's; `imageUrl`
 * null: the page has no drawn preview of its own (a long link), the site's default image
 * stands in.
 */
export async function sharedScenarioHead(shared: SharedScenario, urls: { origin: string; pageUrl: string; imageUrl: string | null }, encodedScenario: string): Promise<HeadTags> {
  const { pageUrl } = urls;
  const imageUrl = urls.imageUrl ?? `${urls.origin}${DEFAULT_IMAGE_PATH}`;
  const title = sharedPageTitle(shared.title);
  const projection = await projectScenario(shared.scenario);
  const bodyHtml = landingHtml({ title: shared.title, note: shared.note, reading: projection ? scenarioReading(projection) : "", projection });
  const figures = projection ? figuresSentence(projection) : GENERIC_SENTENCE;
  const description = clip(shared.note ? `${shared.note}｜${figures}` : figures, 200);
  const imageAlt = urls.imageUrl ? `情景模拟图：地区生产总值（2020年不变价）2020—2035年走势。${figures}` : DEFAULT_IMAGE_ALT;

  const tags = [
    meta("name", "description", description),
    // User-made content: reachable by link, kept out of search indexes.
    meta("name", "robots", "noindex, follow"),
    `<link rel="canonical" href="${escapeHtml(pageUrl)}">`,
    meta("name", "scenario", encodedScenario),
    shared.title ? meta("name", "scenario-title", shared.title) : "",
    shared.note ? meta("name", "scenario-note", shared.note) : "",
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
  return { title, headHtml: tags.filter(Boolean).join(""), bodyHtml };
}

/** `origin`: the site's configured origin (siteUrl), never the request's. */
export async function shareHead(share: Share, origin: string, encodedScenario: string): Promise<HeadTags> {
  const { row } = share;
  const head = await sharedScenarioHead(
    { scenario: share.scenario, title: row.title, note: row.note },
    { origin, pageUrl: `${origin}/s/${row.id}`, imageUrl: `${origin}/og/${row.id}.png` },
    encodedScenario,
  );
  return { ...head, headHtml: head.headHtml + meta("name", "scenario-id", row.id) };
}

/**
 * The sharer's title as the image can draw it: pictographs and invisible joiners (emoji are
 * decoration in a title) are dropped; if any other character has no glyph in the title font,
 * or the font is not loaded, there is no heading (the image then carries the site's title).
 */
export function ogHeading(title: string | null): string | undefined {
  if (!title || !titleFontLoaded()) return undefined;
  const cleaned = title
    .replace(/[\p{Extended_Pictographic}\u200d\ufe0e\ufe0f\u{1f3fb}-\u{1f3ff}]/gu, "")
    .replace(/\s+/g, " ")
    .trim();
  if (cleaned === "") return undefined;
  return missingCharacters(cleaned, "title").length === 0 ? cleaned : undefined;
}

const hex = (colour: string): string => (/^#[0-9a-f]{6}$/i.test(colour) ? colour : "#1f5fa8");

/**
 * The preview image's data: the share's GDP chart as the page describes it (real GDP
 * 2020–2035 at 2020 prices, the plan's target path, the page's colours and labels), the
 * sharer's title, and the 2025/2035 figures. Null when the scenario cannot be projected here.
 */
export async function ogData(share: Share, siteHost: string): Promise<OgData | null> {
  const p = await projectShare(share);
  if (!p) return null;
  const spec = shareGdpSpec(p);
  const scenario = spec.series.find((s) => s.kind === "scenario")!;
  const heading = ogHeading(share.row.title);
  const data: OgData = {
    title: OG_TEXT.title,
    seriesLabel: spec.title + (spec.basis ? PUNCT.zh.aside(spec.basis) : ""),
    unit: unitLabel(spec.unit, "zh"),
    years: [...spec.years],
    scenario: scenario.values.map((v) => v ?? NaN),
    scenarioLabel: scenario.label,
    scenarioColour: hex(seriesColour(scenario, palette)),
    lines: spec.series.filter((s) => s.kind === "target").map((s) => ({ label: s.label, values: s.values, colour: hex(seriesColour(s, palette)) })),
    figures: [
      { label: `${OG_TEXT.year2025}${OG_TEXT.gdpReal}`, value: gdp(p.gdpReal[YEAR_2025]) + OG_TEXT.unitHundredMillionYuan },
      { label: `${OG_TEXT.year2035}${OG_TEXT.gdpReal}`, value: gdp(p.gdpReal[YEAR_2035]) + OG_TEXT.unitHundredMillionYuan },
      { label: `${OG_TEXT.year2035}${OG_TEXT.residentPopulation}`, value: persons(p.residentPopulation[YEAR_2035]) + OG_TEXT.unitTenThousandPersons },
    ],
    footer: `${siteHost}/s/${share.row.id}`,
  };
  if (heading) data.heading = heading;
  return data;
}
