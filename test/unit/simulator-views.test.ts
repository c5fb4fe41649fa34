// Pure helpers behind the simulator's views: what each chart draws, the CSV export, the
// compare table, goal seek, link repair and number entry.
import { describe, expect, it } from "vitest";
import { deflateSync, strToU8 } from "fflate";
import { defaultScenario, presetScenario, validateScenario, type Scenario } from "../../src/lib/scenario";
import { planTargets, project, type Projection } from "../../src/lib/model";
import { CHART_IDS, chartHeading, duringGesture, gdpSpec, keepUnchangedSpec, populationSpec, incomeSpec, specBuilders, type Bands, type ChartId, type ChartSpec, type SpecInput } from "../../src/components/simulator/chart-specs";
import { bandAreas } from "../../src/components/simulator/charts";
import { scenarioCsv } from "../../src/components/simulator/export";
import { compareRows } from "../../src/components/simulator/compare";
import { goalSeek } from "../../src/components/simulator/goal-seek";
import { nearestValid, rawLinkJson } from "../../src/components/simulator/link-repair";
import { clampToStep, parseNumberInput, periodMark } from "../../src/components/simulator/controls";
import { FIGURE_BOX_CHARS, datedTargetText, figuresFitBoxes, keyFigures, targetText } from "../../src/components/simulator/results";
import { loadLang } from "../../src/components/simulator/i18n";
import { setPeriod, setFormula } from "../../src/components/simulator/scenario-edit";

function projectionOf(s: Scenario): Projection {
  const r = project(s);
  if (!r.ok) throw new Error("scenario does not project");
  return r.projection;
}

const plan = projectionOf(defaultScenario);
const cautious = presetScenario("cautious")!;

function input(over: Partial<SpecInput> = {}): SpecInput {
  return {
    lang: "zh",
    prices: "constant",
    projection: plan,
    scenarioLabel: "本情景",
    pins: [],
    bands: null,
    targets: planTargets,
    reported: { residentPopulation: [{ year: 2021, value: 582400, source: "来源A" }], urbanIncome: [] },
    nationalLastReported: { urbanIncome: 2025, gdpPerCapita: 2025 },
    ...over,
  };
}

/** The four charts' descriptions, as the page's four chart islands make them. */
const allSpecs = (i: SpecInput) => Object.fromEntries(CHART_IDS.map((id) => [id, specBuilders[id](i)])) as Record<ChartId, ChartSpec>;
/** Each chart's description kept where it did not change, as each chart island keeps its own. */
const keepUnchangedSpecs = (previous: Record<ChartId, ChartSpec>, next: Record<ChartId, ChartSpec>) =>
  Object.fromEntries(CHART_IDS.map((id) => [id, keepUnchangedSpec(previous[id], next[id])])) as Record<ChartId, ChartSpec>;

describe("chart specs", () => {
  it("draws the plan's GDP growth target as a path from the 2020 level, in constant prices only", () => {
    const target = planTargets.find((t) => t.metric === "gdpRealGrowthAvg")!;
    const spec = gdpSpec(input());
    const path = spec.series.find((s) => s.kind === "target")!;
    expect(path.values[0]).toBe(plan.gdpReal[0]);
    // Five years of growth at the target rate, written out rather than taken from the helper.
    expect(path.values[5]).toBeCloseTo(plan.gdpReal[0]! * (1 + target.value / 100) ** 5, 9);
    expect(path.values.slice(6).every((v) => v === null)).toBe(true);
    expect(chartHeading(spec, "zh")).toBe("地区生产总值（亿元，2020年不变价）");

    const current = gdpSpec(input({ prices: "current" }));
    expect(current.series.some((s) => s.kind === "target")).toBe(false);
    expect(chartHeading(current, "zh")).toBe("地区生产总值（亿元，当年价）");
    expect(current.series[0]!.values).toEqual(plan.gdpNominal);
  });

  it("marks 2025 and 2035 and draws pinned scenarios beside the current one", () => {
    const specs = allSpecs(input({ pins: [{ name: "谨慎", projection: projectionOf(cautious) }] }));
    for (const spec of Object.values(specs)) {
      expect(spec.milestones).toEqual([2025, 2035]);
      const pin = spec.series.find((s) => s.kind === "pin")!;
      expect(pin.label).toBe("谨慎");
      expect(pin.values).not.toEqual(spec.series[0]!.values);
    }
  });

  it("draws the population target as a reference line and a point, with reported figures and their sources", () => {
    const target = planTargets.find((t) => t.metric === "residentPopulation")!;
    const persons = target.unit === "万人" ? target.value * 1e4 : target.value;
    const spec = populationSpec(input());
    const reference = spec.series.find((s) => s.kind === "reference")!;
    expect(new Set(reference.values)).toEqual(new Set([persons]));
    const point = spec.series.find((s) => s.kind === "target")!;
    expect(point.values.filter((v) => v != null)).toEqual([persons]);
    expect(point.values[target.year - 2020]).toBe(persons);
    const reported = spec.series.find((s) => s.kind === "reported")!;
    expect(reported.values[1]).toBe(582400);
    expect(reported.notes![1]).toContain("来源A");
  });

  it("puts the urban income targets at the national average of their year", () => {
    const spec = incomeSpec(input());
    for (const t of planTargets.filter((x) => x.metric === "urbanIncomeVsNational")) {
      const s = spec.series.find((x) => x.id === `target-${t.id}`)!;
      expect(s.values[t.year - 2020]).toBeCloseTo((plan.nationalUrbanIncome[t.year - 2020]! * t.value) / 100, 6);
    }
  });

  it("turns Monte Carlo percentiles into two filled bands around the line", () => {
    const band = { p5: plan.gdpReal.map((v) => v * 0.9), p25: plan.gdpReal.map((v) => v * 0.95), p50: plan.gdpReal, p75: plan.gdpReal.map((v) => v * 1.05), p95: plan.gdpReal.map((v) => v * 1.1) };
    const spec = gdpSpec(input({ bands: { gdpReal: band } }));
    const areas = bandAreas(spec);
    expect(areas).toHaveLength(2);
    expect(areas[0]!.upper).toEqual(band.p95);
    expect(areas[0]!.lower).toEqual(band.p5);
    expect(areas[1]!.upper).toEqual(band.p75);
    expect(areas[1]!.lower).toEqual(band.p25);
  });
});

describe("charts during a drag with uncertainty on", () => {
  // A fan of ±spread around each banded series of a projection (as the Monte Carlo's would be).
  const fan = (p: Projection, spread: number): Bands =>
    Object.fromEntries(
      (["gdpReal", "gdpNominal", "gdpPerCapita", "urbanIncome", "residentPopulation"] as const).map((id) => {
        const v = p[id];
        return [id, { p5: v.map((x) => x * (1 - 2 * spread)), p25: v.map((x) => x * (1 - spread)), p50: [...v], p75: v.map((x) => x * (1 + spread)), p95: v.map((x) => x * (1 + 2 * spread)) }];
      }),
    );
  const settled = allSpecs(input({ bands: fan(plan, 0.05) }));
  const faster = structuredClone(defaultScenario);
  faster.inputs.gdpRealGrowth.periods[0] = 10;
  const dragged = projectionOf(faster);
  // A quick answer: fewer paths, so a slightly different fan, also on series the drag does not drive.
  const live = allSpecs(input({ projection: dragged, bands: fan(dragged, 0.051) }));

  it("a chart whose lines the drag moves follows the quick answers", () => {
    for (const id of ["gdp", "gdpPerCapita"] as const) expect(duringGesture(live[id], settled[id], false)).toBe(live[id]);
  });

  it("a chart whose lines stay keeps its fan from before the drag, not the quick answer's noise", () => {
    // Growth of GDP drives neither population nor (in the plan's income mode) income.
    for (const id of ["population", "income"] as const) {
      expect(live[id]).not.toEqual(settled[id]);
      expect(duringGesture(live[id], settled[id], false)).toBe(settled[id]);
    }
  });

  it("every chart follows while the uncertainty's own settings move", () => {
    for (const id of CHART_IDS) expect(duringGesture(live[id], settled[id], true)).toBe(live[id]);
  });
});

describe("charts kept between two steps", () => {
  const before = allSpecs(input());
  const edited = setPeriod(defaultScenario, "gdpRealGrowth", 0, 7);
  if (!edited.ok) throw new Error("7 % is a valid growth rate");
  const faster = projectionOf(edited.scenario);

  it("keeps the description of every chart a change did not move, and only those", () => {
    const after = keepUnchangedSpecs(before, allSpecs(input({ projection: faster })));
    // Faster GDP growth moves GDP and GDP per head; the plan's income path and population do not depend on it.
    expect(after.gdp).not.toBe(before.gdp);
    expect(after.gdp.series[0]!.values).toEqual(faster.gdpReal);
    expect(after.gdpPerCapita).not.toBe(before.gdpPerCapita);
    expect(after.income).toBe(before.income);
    expect(after.population).toBe(before.population);
  });

  it("gives every chart its new description when the words change, and the same objects when nothing does", () => {
    const english = keepUnchangedSpecs(before, allSpecs(input({ lang: "en" })));
    for (const id of ["gdp", "gdpPerCapita", "income", "population"] as const) expect(english[id]).not.toBe(before[id]);
    const again = keepUnchangedSpecs(before, allSpecs(input()));
    for (const id of ["gdp", "gdpPerCapita", "income", "population"] as const) expect(again[id]).toBe(before[id]);
  });

  it("sees a change in one value, a missing value or a note, and holds NaN equal to NaN", () => {
    const spec = before.population;
    const variant = (edit: (s: typeof spec) => void) => {
      const copy = structuredClone(spec);
      edit(copy);
      return keepUnchangedSpecs(before, { ...before, population: copy }).population;
    };
    expect(variant((s) => (s.series[0]!.values[3] = s.series[0]!.values[3]! + 1))).not.toBe(spec);
    expect(variant((s) => (s.series[0]!.values[3] = null))).not.toBe(spec);
    expect(variant((s) => (s.series.find((x) => x.kind === "reported")!.notes![1] = "另一来源"))).not.toBe(spec);
    expect(variant((s) => delete s.series[0]!.pinIndex)).toBe(spec);
    const withNaN = { ...before, population: { ...spec, series: [{ ...spec.series[0]!, values: [Number.NaN] }] } };
    const nanAgain = { ...withNaN, population: { ...withNaN.population, series: [{ ...withNaN.population.series[0]!, values: [Number.NaN] }] } };
    expect(keepUnchangedSpecs(withNaN, nanAgain).population).toBe(withNaN.population);
  });
});

describe("CSV export", () => {
  it("has a header in the reader's language and the figures the page shows", () => {
    const csv = scenarioCsv({ lang: "zh", projection: plan, currentName: "本情景", pins: [], mc: null });
    const lines = csv.slice(1).split("\r\n");
    const header = lines[0]!.split(",");
    expect(header[0]).toBe("年份");
    const gdp = header.indexOf("地区生产总值（亿元，2020年不变价）");
    const pop = header.indexOf("常住人口（万人）");
    expect(gdp).toBeGreaterThan(0);
    expect(pop).toBeGreaterThan(0);
    const row = lines.find((l) => l.startsWith("2025,"))!.split(",");
    expect(Number(row[gdp])).toBe(Math.round(plan.gdpReal[5]! * 10) / 10);
    expect(Number(row[pop])).toBe(Math.round(plan.residentPopulation[5]! / 100) / 100);
    expect(lines.filter((l) => /^\d{4},/.test(l))).toHaveLength(16);
  });

  it("adds each pinned scenario's columns under its name", async () => {
    await loadLang("en");
    const csv = scenarioCsv({ lang: "en", projection: plan, currentName: "Current", pins: [{ name: "Cautious", projection: projectionOf(cautious) }], mc: null });
    const header = csv.slice(1).split("\r\n")[0]!;
    // English headers hold commas, so they are quoted.
    expect(header.startsWith('Year,"[Current] GDP (100 million yuan, constant 2020 prices)"')).toBe(true);
    expect(header).toContain('"[Cautious] GDP (100 million yuan, constant 2020 prices)"');
  });
});

describe("compare table", () => {
  it("shows each pin's difference from the current scenario, signed, with the percentage", () => {
    const low = projectionOf(cautious);
    const rows = compareRows(plan, [{ projection: low }], "zh");
    const gdp2035 = rows.find((r) => r.key === "gdpReal-2035")!;
    expect(gdp2035.cells[0]!.diff).toBe("");
    const pct = ((low.gdpReal[15]! - plan.gdpReal[15]!) / plan.gdpReal[15]!) * 100;
    expect(pct).toBeLessThan(0);
    expect(gdp2035.cells[1]!.diff.startsWith("−")).toBe(true);
    expect(gdp2035.cells[1]!.diff).toContain(`（−${Math.abs(pct).toFixed(1)}%）`);
  });

  it("puts the percentage in the interface language's brackets (no full-width ones in English)", () => {
    const gdp2035 = compareRows(plan, [{ projection: projectionOf(cautious) }], "en").find((r) => r.key === "gdpReal-2035")!;
    expect(gdp2035.cells[1]!.diff).toMatch(/^−[\d.]+ billion yuan \(−[\d.]+%\)$/);
  });

  it("names each row by its figure, price basis and year, not a unit its values do not use", () => {
    const rows = (lang: "zh" | "en") => compareRows(plan, [{ projection: projectionOf(cautious) }], lang);
    const en = rows("en").find((r) => r.key === "gdpReal-2035")!;
    expect(en.label).toBe("GDP (constant 2020 prices) 2035");
    expect(en.cells[0]!.value).toMatch(/ billion yuan$/);
    expect(rows("zh").find((r) => r.key === "gdpNominal-2025")!.label).toBe("地区生产总值（当年价） 2025");
    expect(rows("zh").find((r) => r.key === "residentPopulation-2035")!.label).toBe("常住人口 2035");
  });
});

describe("goal seek", () => {
  it("finds the constant growth that reaches the goal, rounded up to 0.01 so that applying it does reach it", () => {
    const r = goalSeek(defaultScenario, "gdpReal", 1000, 2035);
    if (!r.ok) throw new Error(r.message);
    const exact = ((1000 / plan.gdpReal[0]!) ** (1 / 15) - 1) * 100;
    expect(r.rate).toBeGreaterThanOrEqual(exact);
    expect(r.rate - exact).toBeLessThan(0.01);
    expect(Math.round(r.rate * 100)).toBeCloseTo(r.rate * 100, 9);
    expect(projectionOf(r.scenario).gdpReal[15]).toBeGreaterThanOrEqual(1000);
  });

  it("says when the goal is out of reach", () => {
    const r = goalSeek(defaultScenario, "gdpReal", 1e9, 2035);
    expect(r.ok).toBe(false);
  });

  it("switches income to its own growth rate when asked for an income growth rate", () => {
    const s = presetScenario("cautious")!;
    expect(s.income.mode).toBe("elasticity");
    const r = goalSeek(s, "urbanIncome", 150000, 2035);
    if (!r.ok) throw new Error(r.message);
    expect(r.scenario.income.mode).toBe("growth");
  });
});

describe("link repair", () => {
  const encodeRaw = (json: unknown) => `1.${Buffer.from(deflateSync(strToU8(JSON.stringify(json)))).toString("base64url")}`;

  it("replaces an out-of-range value by the plan's and keeps the rest", () => {
    const raw = structuredClone(defaultScenario) as unknown as Record<string, any>;
    raw.inputs.gdpRealGrowth.periods = [6, 99, 6];
    raw.inputs.cpi.periods = [3, 3, 3];
    const r = nearestValid(rawLinkJson(encodeRaw(raw)));
    expect(r?.replaced).toEqual(["inputs.gdpRealGrowth.periods.1"]);
    expect(r?.scenario.inputs.gdpRealGrowth.periods).toEqual([6, defaultScenario.inputs.gdpRealGrowth.periods[1], 6]);
    expect(r?.scenario.inputs.cpi.periods).toEqual([3, 3, 3]);
  });

  it("drops an unknown field and fills a missing one", () => {
    const raw = structuredClone(defaultScenario) as unknown as Record<string, any>;
    raw.extra = 1;
    delete raw.services;
    const r = nearestValid(raw);
    expect(r).not.toBeNull();
    expect(validateScenario(r!.scenario).ok).toBe(true);
    expect(r!.scenario.services).toEqual(defaultScenario.services);
    expect(r!.replaced.sort()).toEqual(["extra", "services"].sort());
  });

  it("gives up on what is not a scenario at all", () => {
    expect(nearestValid(rawLinkJson("1.not-deflate"))).toBeNull();
    expect(nearestValid([1, 2])).toBeNull();
    expect(rawLinkJson("nonsense")).toBeUndefined();
  });
});

describe("controls", () => {
  it("reads numbers typed with a Chinese input method", () => {
    expect(parseNumberInput("６．５", 0, 10, "zh")).toEqual({ ok: true, value: 6.5 });
    expect(parseNumberInput("－1，5", -5, 10, "zh")).toEqual({ ok: true, value: -1.5 });
    expect(parseNumberInput(" 7 ", 0, 10, "zh")).toEqual({ ok: true, value: 7 });
    expect(parseNumberInput("7%", 0, 10, "zh").ok).toBe(false);
    expect(parseNumberInput("11", 0, 10, "en")).toEqual({ ok: false, message: "Must be between 0 and 10" });
    expect(parseNumberInput("", 0, 10, "zh")).toEqual({ ok: false, message: "请输入一个数" });
  });

  it("snaps slider values without binary noise", () => {
    expect(clampToStep(0.30000000000000004, 0.1)).toBe(0.3);
    expect(clampToStep(12345, 500)).toBe(12500);
    expect(clampToStep(0.74, 0.05)).toBe(0.75);
  });

  it("marks the plan's target on the first period's GDP slider, and the plan scenario's value elsewhere", () => {
    const target = planTargets.find((t) => t.metric === "gdpRealGrowthAvg" && t.year <= 2025)!;
    expect(periodMark("gdpRealGrowth", 0)).toEqual({ value: target.value, kind: "target" });
    expect(periodMark("gdpRealGrowth", 2)).toEqual({ value: defaultScenario.inputs.gdpRealGrowth.periods[2], kind: "default" });
    expect(periodMark("cpi", 0).kind).toBe("default");
  });

  it("edits leave the original scenario untouched and refuse out-of-range values", () => {
    const before = JSON.stringify(defaultScenario);
    const r = setPeriod(defaultScenario, "gdpRealGrowth", 1, 4);
    expect(r.ok && r.scenario.inputs.gdpRealGrowth.periods[1]).toBe(4);
    expect(JSON.stringify(defaultScenario)).toBe(before);
    const bad = setPeriod(defaultScenario, "gdpRealGrowth", 1, 1000);
    expect(bad.ok).toBe(false);
    const f = setFormula(defaultScenario, "cpi", "  ");
    expect(f.ok && f.scenario.inputs.cpi.formula).toBeUndefined();
  });
});

describe("target wording in English", () => {
  it("builds a sentence from the target's fields", () => {
    const check = plan.targetChecks.find((c) => c.metric === "residentPopulation")!;
    expect(targetText(check, "en")).toMatch(/^Resident population: at least 1.00 million people by 2035$/);
    expect(targetText(check, "zh")).toBe(check.label);
  });

  it("says each target's year once where a list has no year column (the sensitivity panel's verdicts)", () => {
    // Every target of the plan, in both languages: the year is added only where the words lack it.
    const count = (text: string, year: number) => text.split(String(year)).length - 1;
    for (const check of plan.targetChecks) {
      for (const lang of ["zh", "en"] as const) {
        const text = datedTargetText(check, lang);
        expect(count(text, check.year), `${check.targetId} (${lang}): ${text}`).toBe(Math.max(1, count(targetText(check, lang), check.year)));
        expect(text).toContain(targetText(check, lang));
      }
    }
    const per2035 = plan.targetChecks.find((c) => c.label.startsWith("2035 年"))!;
    expect(datedTargetText(per2035, "zh")).toBe(per2035.label);
    const population = plan.targetChecks.find((c) => c.metric === "residentPopulation")!;
    expect(population.label).not.toContain("2035");
    expect(datedTargetText(population, "zh")).toBe(`2035 年${population.label}`);
  });
});

describe("key figures in fixed boxes", () => {
  const ids = ["gdpReal", "gdpPerCapita", "urbanIncome", "residentPopulation"];
  // Growth at the schema's ceiling: the longest figures a scenario can ask the cards to show.
  const ceiling = structuredClone(defaultScenario);
  ceiling.inputs.gdpRealGrowth.periods = [30, 30, 30];
  ceiling.inputs.gdpDeflator.periods = [20, 20, 20];
  ceiling.inputs.urbanIncomeGrowth.periods = [30, 30, 30];

  it("the plan's figures fit their boxes in both languages", async () => {
    await loadLang("en");
    for (const lang of ["zh", "en"] as const) {
      const figures = keyFigures(plan, lang, ids);
      expect(figuresFitBoxes(figures, lang), JSON.stringify(figures.map((f) => [f.v2025, f.v2035]))).toBe(true);
    }
  });

  it("a figure longer than its box turns the boxes off for every card", async () => {
    await loadLang("en");
    const figures = keyFigures(projectionOf(ceiling), "en", ids);
    expect(figures.some((f) => f.v2035.length > FIGURE_BOX_CHARS.en)).toBe(true);
    expect(figuresFitBoxes(figures, "en")).toBe(false);
    // One figure over the limit is enough.
    const plain = keyFigures(plan, "en", ids);
    expect(figuresFitBoxes([...plain.slice(1), { ...plain[0]!, v2035: "x".repeat(FIGURE_BOX_CHARS.en + 1) }], "en")).toBe(false);
  });
});
