// The first screen of a share page (/s/:id): the sharer's title and note, a one-line reading
// of the scenario against the plan, its headline figures, and what to do next. Written into
// the static simulator page at the edge, so it is there before any script runs, and on a
// phone it is what the first screen shows. Every user-written value is escaped and
// bidi-isolated (an RTL title cannot reorder the text around it).
import { YEARS, type Projection } from "../../src/lib/model";
import { formatValue } from "../../src/components/simulator/format";
import { t } from "../../src/components/simulator/i18n";
import { yearRangeParts } from "../../src/utils/format";
import { escapeHtml } from "./text";

const YEAR_2025 = 2025 - YEARS[0]!;
const YEAR_2035 = 2035 - YEARS[0]!;

export interface LandingInput {
  title: string | null;
  note: string | null;
  /** scenarioReading(): e.g. "2025年地区生产总值低于规划目标7.3%；…" (empty if none). */
  reading: string;
  projection: Projection | null;
}

/**
 * The headline figures, with units and price basis, rounded by the simulator's own rule per
 * unit (format.ts): the simulator right below, the poster and the preview image show the
 * same figure the same way.
 */
export function landingFigures(p: Projection): { label: string; value: string; unit: string }[] {
  // The price bases in the simulator's words (i18n.ts), as the simulator right below says them.
  const constant = `（${t("zh", "constantPrices")}）`;
  const current = `（${t("zh", "currentPrices")}）`;
  return [
    { label: `2025年地区生产总值${constant}`, value: formatValue(p.gdpReal[YEAR_2025], "yi-yuan", "zh"), unit: "亿元" },
    { label: `2035年地区生产总值${constant}`, value: formatValue(p.gdpReal[YEAR_2035], "yi-yuan", "zh"), unit: "亿元" },
    { label: "2035年常住人口", value: formatValue(p.residentPopulation[YEAR_2035], "persons", "zh"), unit: "万人" },
    { label: `2035年城镇居民人均可支配收入${current}`, value: formatValue(p.urbanIncome[YEAR_2035], "yuan", "zh"), unit: "元" },
  ];
}

// Phone first: one column, title large, actions as full-width buttons; wider screens put
// the figures in a row. Tokens from src/styles/tokens.css.
const STYLE = `<style>
.share-landing{margin:var(--space-4) 0 var(--space-3);padding:var(--space-4);border:1px solid var(--color-border);border-radius:var(--radius);background:var(--color-surface);}
.share-landing .kicker{margin:0;color:var(--color-muted);font-size:var(--text-sm);}
.share-landing h2{margin:var(--space-1) 0 0;font-size:var(--text-xl);line-height:var(--leading-tight);overflow-wrap:anywhere;}
.share-landing .note{margin:var(--space-2) 0 0;white-space:pre-line;overflow-wrap:anywhere;}
.share-landing .reading{margin:var(--space-3) 0 0;font-weight:600;}
.share-landing dl{display:grid;grid-template-columns:1fr 1fr;gap:var(--space-2) var(--space-3);margin:var(--space-3) 0 0;}
.share-landing dl div{min-width:0;}
.share-landing dt{color:var(--color-muted);font-size:var(--text-xs);}
.share-landing dd{margin:0;font-family:var(--font-numeric);font-size:var(--text-lg);font-weight:700;}
.share-landing dd small{font-size:var(--text-xs);font-weight:400;color:var(--color-muted);}
.share-landing .actions{display:flex;flex-wrap:wrap;gap:var(--space-2);margin:var(--space-3) 0 0;}
.share-landing .actions a,.share-landing .actions button{flex:1 1 9rem;display:inline-flex;align-items:center;justify-content:center;min-height:44px;padding:0 var(--space-3);border:1px solid var(--color-accent);border-radius:var(--radius);font:inherit;text-decoration:none;color:var(--color-accent);background:var(--color-bg);cursor:pointer;}
.share-landing .actions .primary{background:var(--color-accent);color:var(--color-bg);}
.share-landing .disclaimer{margin:var(--space-2) 0 0;color:var(--color-muted);font-size:var(--text-xs);}
@media (min-width:48rem){.share-landing dl{grid-template-columns:repeat(4,1fr);}.share-landing .actions a,.share-landing .actions button{flex:0 0 auto;}}
</style>`;

// The 分享 button hands over to the simulator's own share button (and its dialog) once the
// island is running; before that the click has nothing to open yet.
const SCRIPT = `<script>document.querySelector("[data-landing-share]").addEventListener("click",function(){var b=document.getElementById("share-button");if(b)b.click();});</script>`;

/** Escaped text whose year ranges ("2021–2025") keep to one line (the page's .nobr, as RangeText.svelte does). */
function escapeKeepingRanges(text: string): string {
  return yearRangeParts(text)
    .map((p) => (p.whole ? `<span class="nobr">${escapeHtml(p.text)}</span>` : escapeHtml(p.text)))
    .join("");
}

/** The landing section's HTML; everything user-written is escaped here. */
export function landingHtml(input: LandingInput): string {
  const title = input.title
    ? `<h2 id="share-landing-title" dir="auto"><bdi>${escapeKeepingRanges(input.title)}</bdi></h2>`
    : `<h2 id="share-landing-title">有人分享了一个情景</h2>`;
  const note = input.note ? `<p class="note" dir="auto"><bdi>${escapeKeepingRanges(input.note)}</bdi></p>` : "";
  const reading = input.reading ? `<p class="reading">${escapeHtml(input.reading)}</p>` : "";
  const figures = input.projection
    ? `<dl>${landingFigures(input.projection)
        .map((f) => `<div><dt>${escapeHtml(f.label)}</dt><dd>${escapeHtml(f.value)} <small>${escapeHtml(f.unit)}</small></dd></div>`)
        .join("")}</dl>`
    : "";
  return (
    `${STYLE}<section class="share-landing" aria-labelledby="share-landing-title" data-share-landing>` +
    `<p class="kicker">分享的情景 · 城区“十四五”情景模拟</p>${title}${note}${reading}${figures}` +
    `<p class="disclaimer">模拟结果，非官方预测。下方可以查看全部图表和假设。</p>` +
    `<div class="actions"><a class="primary" href="#controls-title">在此基础上调整</a>` +
    `<button type="button" data-landing-share>分享</button>` +
    `<a href="/plan/">阅读规划原文</a></div></section>${SCRIPT}`
  );
}
