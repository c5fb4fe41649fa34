// The reader's links to the simulator (src/utils/simulator-links.ts): each one decodes, with the
// engine's own decoder, to the preset and chart it is meant for, and every row, section and
// passage the map names exists in content/.
import { describe, expect, it } from "vitest";
import { decodeScenario, presets, CHART_IDS } from "../../src/lib/scenario";
import {
  indicatorRowViews,
  paragraphMatches,
  sectionLinks,
  simulatorHref,
  targetView,
  type SimulatorView,
} from "../../src/utils/simulator-links";
import { figureForView } from "../../src/components/simulator/chart-specs";
import { planFiles, readJson } from "../content/content-files";

function decodeHref(href: string) {
  const url = new URL(href, "https://example.test");
  expect(url.pathname).toBe("/simulate/");
  const s = url.searchParams.get("s");
  expect(s).not.toBeNull();
  const r = decodeScenario(s!);
  if (!r.ok) throw new Error(`${href} does not decode: ${r.error.message}`);
  return r.scenario;
}

describe("simulatorHref", () => {
  for (const p of presets) {
    for (const chart of ["gdp", "income", "population", "national"] as const) {
      it(`${p.id} / ${chart}: decodes to the preset's scenario with that chart`, () => {
        const s = decodeHref(simulatorHref({ preset: p.id, chart }));
        expect(s.view.chart).toBe(chart);
        expect(s.basedOn).toBe(p.id);
        // Everything but the chart is the preset, unchanged.
        expect({ ...s, view: { ...s.view, chart: p.scenario.view.chart } }).toEqual(p.scenario);
      });
    }
  }

  it("does not change the preset it copies", () => {
    const before = JSON.stringify(presets.find((p) => p.id === "plan")!.scenario);
    simulatorHref({ preset: "plan", chart: "population" });
    expect(JSON.stringify(presets.find((p) => p.id === "plan")!.scenario)).toBe(before);
  });

  it("refuses an unknown preset or chart (the build then fails with the name)", () => {
    expect(() => simulatorHref({ preset: "no-such-preset", chart: "gdp" })).toThrow(/no-such-preset/);
    expect(() => simulatorHref({ preset: "plan", chart: "pie" } as unknown as SimulatorView)).toThrow(/pie/);
  });
});

describe("the link map", () => {
  it("links the GDP and income rows of both indicator tables, 专栏1 to the 13th-plan trend and 专栏2 to the plan", () => {
    expect(indicatorRowViews).toEqual({
      "thirteenth-plan": { gdp: { preset: "trend-13th", chart: "gdp" }, "urban-income": { preset: "trend-13th", chart: "income" } },
      "fourteenth-plan": { "gdp-growth": { preset: "plan", chart: "gdp" }, "urban-income-growth": { preset: "plan", chart: "income" } },
    });
  });

  it("names rows that exist in content/indicators", () => {
    for (const [table, rows] of Object.entries(indicatorRowViews)) {
      const ids = (readJson(`indicators/${table}.json`) as { rows: { id: string }[] }).rows.map((r) => r.id);
      for (const id of Object.keys(rows)) expect(ids, `${table}.json`).toContain(id);
    }
  });

  it("names sections that exist, and passages found in exactly one paragraph of each", () => {
    const files = planFiles();
    expect(sectionLinks.map((l) => `${l.chapter}#${l.section}`)).toContain("guiding-principles#section-4");
    for (const l of sectionLinks) {
      const file = files.find((f) => (f.data as { slug: string }).slug === l.chapter);
      expect(file, l.chapter).toBeDefined();
      const sections = file!.body.split(/^## /m);
      const section = sections.find((s) => s.includes(`{#${l.section}}`));
      expect(section, `${l.chapter}#${l.section}`).toBeDefined();
      const paragraphs = section!.split("\n").filter((line) => line !== "" && !/^(#|:::|- |\d+\. )/.test(line));
      expect(paragraphs.filter((p) => paragraphMatches(p, l.after)), l.after).toHaveLength(1);
      for (const link of l.links) {
        expect(presets.map((p) => p.id)).toContain(link.preset);
        expect(CHART_IDS).toContain(link.chart);
      }
    }
  });

  it("matches passages with or without the spaces around Latin text and digits", () => {
    expect(paragraphMatches("锚定 2035 年远景目标，“十四五”GDP 年均增速达到 9% 以上，力争更好水平", "“十四五”GDP年均增速达到9%以上")).toBe(true);
    expect(paragraphMatches("GDP 年均增速达到 8% 以上", "GDP 年均增速达到 9% 以上")).toBe(false);
  });

  it("gives the plan's GDP, income and population targets a chart, and none to targets the model does not cover", () => {
    const targets = readJson("targets.json") as { id: string; metric: string }[];
    const chartOf = (id: string) => {
      const t = targets.find((x) => x.id === id);
      if (!t) throw new Error(`content/targets.json has no ${id}`);
      return targetView(t as Parameters<typeof targetView>[0]);
    };
    expect(chartOf("gdp-growth-2025")).toEqual({ preset: "plan", chart: "gdp" });
    expect(chartOf("urban-income-growth-2025")).toEqual({ preset: "plan", chart: "income" });
    expect(chartOf("resident-population-2035")).toEqual({ preset: "plan", chart: "population" });
    expect(chartOf("gdp-per-capita-vs-national-2035")).toEqual({ preset: "plan", chart: "national" });
    expect(chartOf("enterprises-2025")).toBeNull();
    expect(chartOf("urbanisation-2025")).toBeNull();
  });
});

describe("the simulator opens on the linked chart", () => {
  it("maps each scenario chart id to the figure that shows it", () => {
    expect(figureForView("gdp")).toBe("gdp");
    expect(figureForView("income")).toBe("income");
    expect(figureForView("population")).toBe("population");
    expect(figureForView("national")).toBe("gdpPerCapita");
    expect(figureForView("services")).toBeNull();
    expect(figureForView("sensitivity")).toBeNull();
  });
});
