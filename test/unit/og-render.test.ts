import { beforeAll, describe, expect, it } from "vitest";
import {
  OG_CHARSET,
  OG_TEXT,
  OgInvalidDataError,
  OgRenderError,
  OgUnsupportedCharacterError,
  formatTick,
  renderOgPng,
  yAxis,
  type OgData,
} from "../../functions/_lib/og";
import { colourDistance, decodeRgbPng, pixel, type DecodedPng } from "./og-helpers";

// The colours the design uses (index.ts): page background, scenario line, target line.
const BACKGROUND = [250, 248, 245];
const SCENARIO_BLUE = [29, 78, 216];
const TARGET_ORANGE = [194, 65, 12];

const years = Array.from({ length: 16 }, (_, i) => 2020 + i);
const base = (overrides: Partial<OgData> = {}): OgData => ({
  title: OG_TEXT.title,
  seriesLabel: OG_TEXT.gdpReal,
  unit: OG_TEXT.unitHundredMillionYuan,
  years,
  scenario: years.map((y) => 300 + (y - 2020) * 40),
  figures: [{ label: OG_TEXT.year2035, value: "900.0亿元" }],
  footer: "example.org/s/abc",
  ...overrides,
});

/** y of the first pixel in column x, inside the plot band, within 12 of the colour; -1 if none. */
function findInColumn(png: DecodedPng, x: number, colour: number[]): number {
  for (let y = 250; y < 540; y++) if (colourDistance(pixel(png, x, y), colour) <= 12) return y;
  return -1;
}

function countNear(png: DecodedPng, colour: number[]): number {
  let n = 0;
  for (let y = 0; y < png.height; y++) for (let x = 0; x < png.width; x++) if (colourDistance(pixel(png, x, y), colour) <= 12) n++;
  return n;
}

describe("renderOgPng pixels", () => {
  let rising: DecodedPng;
  beforeAll(async () => {
    rising = decodeRgbPng(await renderOgPng(base()));
  });

  it("paints the background colour in every corner", () => {
    for (const [x, y] of [[0, 0], [1199, 0], [0, 629], [1199, 629]] as const) expect(pixel(rising, x, y)).toEqual(BACKGROUND);
  });

  it("draws the scenario line, and it differs from the background", () => {
    const y = findInColumn(rising, 450, SCENARIO_BLUE);
    expect(y).toBeGreaterThan(0);
    expect(colourDistance(pixel(rising, 450, y + 1), BACKGROUND)).toBeGreaterThan(100);
  });

  it("puts higher values higher up: a rising series climbs left to right, a falling one descends", async () => {
    const yLeft = findInColumn(rising, 250, SCENARIO_BLUE);
    const yRight = findInColumn(rising, 700, SCENARIO_BLUE);
    expect(yLeft).toBeGreaterThan(0);
    expect(yRight).toBeGreaterThan(0);
    expect(yRight).toBeLessThan(yLeft - 50);

    const falling = decodeRgbPng(await renderOgPng(base({ scenario: years.map((y) => 900 - (y - 2020) * 40) })));
    expect(findInColumn(falling, 700, SCENARIO_BLUE)).toBeGreaterThan(findInColumn(falling, 250, SCENARIO_BLUE) + 50);
  });

  it("draws the dashed target line only when a target is given", async () => {
    expect(countNear(rising, TARGET_ORANGE)).toBe(0);
    const withTarget = decodeRgbPng(await renderOgPng(base({ lines: [{ label: OG_TEXT.target, colour: "#c2410c", values: years.map((y) => 300 + (y - 2020) * 50) }] })));
    // Dashes: along a row through the line, orange alternates with gaps.
    expect(countNear(withTarget, TARGET_ORANGE)).toBeGreaterThan(500);
  });

  it("widens the chart when there are no figures", async () => {
    const noFigures = decodeRgbPng(await renderOgPng(base({ figures: [] })));
    expect(findInColumn(noFigures, 1100, SCENARIO_BLUE)).toBeGreaterThan(0);
    expect(findInColumn(rising, 1100, SCENARIO_BLUE)).toBe(-1);
  });
});

describe("renderOgPng errors", () => {
  it("refuses a character outside the font subset, with a clear error", async () => {
    expect(OG_CHARSET).not.toContain("我");
    let error: unknown;
    try {
      await renderOgPng(base({ title: "我的情景" }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OgUnsupportedCharacterError);
    expect(error).toBeInstanceOf(OgRenderError);
    expect((error as OgUnsupportedCharacterError).character).toBe("我");
    expect((error as Error).message).toMatch(/"我" \(U\+6211\)/);
  });

  it("checks every text field, astral characters included", async () => {
    await expect(renderOgPng(base({ footer: "ok 😀" }))).rejects.toThrow(/U\+1F600/);
    await expect(renderOgPng(base({ figures: [{ label: "标签", value: "1" }] }))).rejects.toThrow(OgUnsupportedCharacterError);
    await expect(renderOgPng(base({ unit: "公里" }))).rejects.toThrow(OgUnsupportedCharacterError);
  });

  it.each<[string, Partial<OgData>]>([
    ["fewer than two years", { years: [2020], scenario: [1] }],
    ["years not increasing", { years: [2020, 2020], scenario: [1, 2] }],
    ["scenario length", { scenario: [1, 2, 3] }],
    ["NaN", { scenario: years.map((y) => (y === 2030 ? Number.NaN : 1)) }],
    ["Infinity in a line", { lines: [{ label: OG_TEXT.target, colour: "#c2410c", values: years.map((y) => (y === 2030 ? Infinity : 1)) }] }],
    ["line length", { lines: [{ label: OG_TEXT.target, colour: "#c2410c", values: [1, 2] }] }],
    ["line colour", { lines: [{ label: OG_TEXT.target, colour: "red", values: years.map(() => 1) }] }],
    ["four figures", { figures: Array.from({ length: 4 }, () => ({ label: "a", value: "1" })) }],
    ["title too long", { title: OG_TEXT.planName.repeat(2) }],
    ["values too large to label", { scenario: years.map((y) => (y - 2019) * 1e300) }],
    ["values too small to label", { scenario: years.map((y) => (y - 2019) * 1e-9) }],
  ])("rejects %s with OgInvalidDataError", async (_, overrides) => {
    await expect(renderOgPng(base(overrides))).rejects.toThrow(OgInvalidDataError);
  });
});

describe("y axis", () => {
  it("starts at zero when the data start in the lower half, with round steps", () => {
    expect(yAxis([352.5, 971.3])).toMatchObject({ min: 0, max: 1000, step: 200, ticks: [0, 200, 400, 600, 800, 1000] });
  });
  it("fits the data when zero would flatten them", () => {
    expect(yAxis([71.2, 74.1])).toMatchObject({ min: 71, max: 75, step: 1 });
  });
  it("spans negative values", () => {
    const axis = yAxis([-4.9, 3.1]);
    expect(axis.min).toBe(-6);
    expect(axis.max).toBe(4);
    expect(axis.ticks).toContain(0);
  });
  it("survives a flat series", () => {
    const axis = yAxis([5, 5]);
    expect(axis.min).toBeLessThan(5);
    expect(axis.max).toBeGreaterThan(5);
    expect(yAxis([0, 0])).toMatchObject({ min: -1, max: 1 });
  });
  it("does not blow rounding noise up into a cliff", () => {
    const axis = yAxis([57.47, 57.4701]);
    expect(axis.max - axis.min).toBeGreaterThanOrEqual(57.47 * 0.02);
  });
  it("labels ticks with the step's decimals, zh-CN grouping and a true minus", () => {
    expect(formatTick(57.5, 0.5)).toBe("57.5");
    expect(formatTick(58, 0.5)).toBe("58.0");
    expect(formatTick(-2, 2)).toBe("−2");
    expect(formatTick(100000, 20000)).toBe("100,000");
    expect(formatTick(1500, 500)).toBe("1,500");
    expect(formatTick(-1500, 500)).toBe("−1,500");
    expect(formatTick(-0.04, 0.5)).toBe("0.0");
  });
});
