// The preview image of a share, drawn from the same chart description as the page
// (chart-specs.ts) with the sharer's title: what the image says, checked in the data handed
// to the renderer and in the pixels.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { drawOg, headingLines, loadTitleFont, renderOgPng } from "../../functions/_lib/og";
import { ogData, ogHeading, scenarioReading, shareGdpSpec } from "../../functions/_lib/summary";
import type { Share } from "../../functions/_lib/share";
import { canonicalJson, defaultScenario, validateScenario, type Scenario } from "../../src/lib/scenario";
import { project } from "../../src/lib/model";
import { palette } from "../../src/components/simulator/chart-specs";

function share(title: string | null, growth = 5.5): Share {
  const copy = structuredClone(defaultScenario) as Scenario;
  copy.inputs.gdpRealGrowth.periods[0] = growth;
  const r = validateScenario(copy);
  if (!r.ok) throw new Error(r.error.message);
  return {
    scenario: r.scenario,
    row: { id: "AbC123xYz0", contentKey: "0".repeat(64), schemaVersion: 1, scenarioJson: canonicalJson(r.scenario), title, note: null, createdAt: "2026-01-01T00:00:00Z" },
  };
}

beforeAll(() => {
  loadTitleFont(new Uint8Array(readFileSync(new URL("../../public/_og/title-glyphs.bin", import.meta.url))));
});

describe("preview image of a share", () => {
  it("draws the page's GDP chart: its title, its scenario and target series, labels and colours", async () => {
    const data = (await ogData(share("如果十五五只有5%会怎样"), "example.org"))!;
    const p = project(share(null).scenario);
    if (!p.ok) throw new Error("projection failed");
    const spec = shareGdpSpec(p.projection);
    expect(data.seriesLabel).toBe(`${spec.title}（2020年不变价）`);
    expect(data.seriesLabel).toContain("2020年不变价");
    const target = spec.series.find((s) => s.kind === "target")!;
    expect(data.lines).toEqual([{ label: target.label, values: target.values, colour: palette.target }]);
    expect(data.scenarioColour).toBe(palette.scenario);
    expect(data.scenarioLabel).toBe(spec.series.find((s) => s.kind === "scenario")!.label);
    expect(data.footer).toBe("example.org/s/AbC123xYz0");
    expect(data.heading).toBe("如果十五五只有5%会怎样");
  });

  it("differs when only the title differs, and the title's pixels sit in the headline band", async () => {
    const a = drawOg((await ogData(share("如果十五五只有5%会怎样"), "example.org"))!).rgb();
    const b = drawOg((await ogData(share("如果十五五增长更快"), "example.org"))!).rgb();
    const band = (rgb: Uint8Array, y0: number, y1: number) => Buffer.from(rgb.subarray(y0 * 1200 * 3, y1 * 1200 * 3));
    expect(band(a, 90, 175).equals(band(b, 90, 175))).toBe(false);
    // Below the headline the two images are the same chart.
    expect(band(a, 260, 630).equals(band(b, 260, 630))).toBe(true);
    const pa = await renderOgPng((await ogData(share("如果十五五只有5%会怎样"), "example.org"))!);
    const pb = await renderOgPng((await ogData(share("如果十五五增长更快"), "example.org"))!);
    expect(Buffer.from(pa).equals(Buffer.from(pb))).toBe(false);
  });

  it("drops emoji from the heading, and has no heading when a character cannot be drawn", () => {
    expect(ogHeading("😱 如果只有5%")).toBe("如果只有5%");
    expect(ogHeading("𠮷野家")).toBeUndefined();
    expect(ogHeading("👍")).toBeUndefined();
    expect(ogHeading(null)).toBeUndefined();
  });

  it("sets a long title on two lines by the poster's rules: no line starts with closing punctuation, the second cut with …", () => {
    const width = 1200 - 2 * 60;
    expect(headingLines("如果十五五只有5%会怎样", width)).toEqual({ size: 52, lines: ["如果十五五只有5%会怎样"] });
    // Commas every few characters: for some widths, breaking by width alone began the second line with "，".
    const title = "如果增长放缓，人口减少，收入增速下降，服务业比重不变，城区到2035年还能达到规划目标吗？";
    for (let w = 600; w <= width; w += 6) {
      const { size, lines } = headingLines(title, w);
      expect(size).toBe(34);
      expect(lines.length).toBeGreaterThanOrEqual(1);
      expect(lines.length).toBeLessThanOrEqual(2);
      expect(lines[1] ?? "", `width ${w}`).not.toMatch(/^[，。、；：？！”）]/);
    }
    const long = headingLines("如".repeat(80), width);
    expect(long.lines).toHaveLength(2);
    expect(long.lines[1]!.endsWith("…")).toBe(true);
  });

  it("reads the scenario against the plan in one line", () => {
    const p = project(share(null, 5.5).scenario);
    const q = project(share(null, 12).scenario);
    if (!p.ok || !q.ok) throw new Error("projection failed");
    expect(scenarioReading(p.projection)).toMatch(/^2025年地区生产总值低于规划目标\d+(\.\d)?%；2035年人均地区生产总值为全国平均的\d+%$/);
    expect(scenarioReading(q.projection)).toMatch(/^2025年地区生产总值高于规划目标/);
  });
});
