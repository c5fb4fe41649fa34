import { describe, expect, it } from "vitest";
import { buildCsv, seriesCsv, BOM } from "../../src/components/simulator/csv";
import { formatValue, formatWithUnit, formatProbability, roundForUnit } from "../../src/components/simulator/format";
import { parseUrlState, buildSearch, HistoryWriter, defaultUrlState, MAX_PINS } from "../../src/components/simulator/url-state";
import { t, messages, loadLang } from "../../src/components/simulator/i18n";

describe("CSV builder", () => {
  it("starts with a UTF-8 BOM and ends lines with CRLF", () => {
    const csv = buildCsv(["年份", "地区生产总值（亿元）"], [[2025, 480.3]]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toBe("\uFEFF年份,地区生产总值（亿元）\r\n2025,480.3\r\n");
    // As bytes, the BOM is EF BB BF: what Excel looks for.
    expect([...new TextEncoder().encode(csv).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });
  it("quotes commas, quotes and newlines, and leaves empty cells for missing values", () => {
    const csv = buildCsv(["a", "b", "c"], [['say "hi", twice', null, Number.NaN], ["line\nbreak", undefined, 0]]);
    expect(csv).toBe(BOM + 'a,b,c\r\n"say ""hi"", twice",,\r\n"line\nbreak",,0\r\n');
  });
  it("defuses text that a spreadsheet would run as a formula, but not negative numbers", () => {
    const csv = buildCsv(["x"], [["=HYPERLINK(1)"], ["-cmd"], [-1.5]]);
    expect(csv).toBe(BOM + "x\r\n'=HYPERLINK(1)\r\n'-cmd\r\n-1.5\r\n");
  });
  it("lays series out with years down and refuses columns of the wrong length", () => {
    const csv = seriesCsv("year", [2020, 2021], [{ header: "gdp", values: [352.5, 370] }, { header: "pop", values: [57.47, null] }]);
    expect(csv).toBe(BOM + "year,gdp,pop\r\n2020,352.5,57.47\r\n2021,370,\r\n");
    expect(() => seriesCsv("year", [2020, 2021], [{ header: "gdp", values: [1] }])).toThrow(/gdp/);
  });
});

describe("number formatting", () => {
  it("uses zh-CN grouping and the precision of each unit", () => {
    expect(formatValue(1234.56, "yi-yuan", "zh")).toBe("1,234.6");
    expect(formatValue(44195.4, "yuan", "zh")).toBe("44,195");
    expect(formatValue(574665, "persons", "zh")).toBe("57.47");
    expect(formatValue(600000, "persons", "zh")).toBe("60.0");
    expect(formatValue(6.049, "percent", "zh")).toBe("6.0");
  });
  it("writes units the Chinese way and the English way", () => {
    expect(formatWithUnit(352.5, "yi-yuan", "zh")).toBe("352.5亿元");
    expect(formatWithUnit(352.5, "yi-yuan", "en")).toBe("35.25 billion yuan");
    expect(formatWithUnit(574665, "persons", "en")).toBe("574,700 people");
    expect(formatWithUnit(1_000_000, "persons", "en")).toBe("1.00 million people");
    expect(formatValue(574665, "persons", "en")).toBe("0.5747");
    expect(formatWithUnit(574665, "persons", "zh")).toBe("57.47万人");
    expect(formatWithUnit(5.5, "percent", "en")).toBe("5.5%");
    expect(formatWithUnit(2031, "year", "zh")).toBe("2031年");
  });
  it("shows a dash for missing or non-finite numbers", () => {
    expect(formatValue(null, "yuan", "zh")).toBe("—");
    expect(formatWithUnit(Number.POSITIVE_INFINITY, "yuan", "zh")).toBe("—");
  });
  it("never claims certainty for a sampled probability", () => {
    expect(formatProbability(1, "zh")).toBe(">99%");
    expect(formatProbability(0, "zh")).toBe("<1%");
    expect(formatProbability(0.634, "zh")).toBe("63%");
  });
  it("rounds exported numbers to what the screen shows", () => {
    expect(roundForUnit(480.349, "yi-yuan")).toBe(480.3);
    expect(roundForUnit(574665, "persons")).toBe(57.47);
    expect(roundForUnit(44195.5, "yuan")).toBe(44196);
  });
});

describe("URL state", () => {
  it("reads an empty query as the default view", () => {
    expect(parseUrlState("")).toEqual({ state: defaultUrlState, problems: [] });
  });
  it("round-trips a full state and keeps only non-defaults", () => {
    const state = { encoded: "1.abc_-", pins: [{ name: "低增长 A", encoded: "1.xyz" }, { name: "a~b", encoded: "1.q" }], uncertainty: false, lang: null };
    const search = buildSearch(state);
    expect(parseUrlState(search).state).toEqual(state);
    expect(buildSearch(defaultUrlState)).toBe("");
  });
  it("reads a legacy ?u=1 but never writes u (the scenario's view.uncertainty carries it)", () => {
    expect(parseUrlState("?s=1.abc&u=1").state).toMatchObject({ encoded: "1.abc", uncertainty: true });
    expect(parseUrlState("?u=0").state.uncertainty).toBe(false);
    expect(buildSearch({ ...defaultUrlState, uncertainty: true })).toBe("");
    expect(buildSearch({ ...defaultUrlState, encoded: "1.abc", uncertainty: true })).toBe("?s=1.abc");
  });
  it("reads ?lang= as a shortcut but never writes it (the scenario carries the language)", () => {
    expect(parseUrlState("?lang=en").state.lang).toBe("en");
    expect(buildSearch({ ...defaultUrlState, lang: "en" })).toBe("");
  });
  it("prefers the share page's meta scenario over ?s=", () => {
    expect(parseUrlState("?s=1.fromquery", "1.frommeta").state.encoded).toBe("1.frommeta");
    expect(parseUrlState("?s=1.fromquery", "  ").state.encoded).toBe("1.fromquery");
  });
  it("reports bad pins, extra pins and bad parameters, and still returns a usable state", () => {
    const pins = Array.from({ length: MAX_PINS + 2 }, (_, i) => `p=n${i}~1.a`).join("&");
    const r = parseUrlState(`?${pins}&p=nameonly&lang=fr&u=x`);
    expect(r.state.pins).toHaveLength(MAX_PINS);
    expect(r.state.lang).toBeNull();
    expect(r.state.uncertainty).toBe(false);
    expect(r.problems.map((p) => p.kind).sort()).toEqual(["bad-param", "bad-param", "too-many-pins"]);
    const bad = parseUrlState("?p=nameonly&p=~1.a&p=x~notencoded");
    expect(bad.state.pins).toEqual([]);
    expect(bad.problems).toEqual([{ kind: "bad-pin", index: 0 }, { kind: "bad-pin", index: 1 }, { kind: "bad-pin", index: 2 }]);
  });
  it("refuses an over-long scenario before it reaches the decoder", () => {
    const r = parseUrlState(`?s=1.${"a".repeat(9000)}`);
    expect(r.state.encoded).toBeNull();
    expect(r.problems).toEqual([{ kind: "too-long", param: "s" }]);
  });
});

describe("history policy", () => {
  function fakeHistory() {
    const calls: string[] = [];
    return { calls, pushState: (_d: unknown, _u: string, url?: string | URL | null) => calls.push(`push ${url}`), replaceState: (_d: unknown, _u: string, url?: string | URL | null) => calls.push(`replace ${url}`) };
  }
  it("pushes the first step of a drag and replaces the rest; pushes discrete changes", () => {
    const h = fakeHistory();
    const w = new HistoryWriter(h, "/simulate/");
    w.write("/simulate/?s=1.a", { control: "gdp" });
    w.write("/simulate/?s=1.b", { control: "gdp" });
    w.write("/simulate/?s=1.c", { control: "gdp" });
    w.write("/simulate/?s=1.d", { discrete: true });
    expect(h.calls).toEqual(["push /simulate/?s=1.a", "replace /simulate/?s=1.b", "replace /simulate/?s=1.c", "push /simulate/?s=1.d"]);
  });
  it("keeps every edit in one entry, whatever the control or the pause, until a discrete step or Back", () => {
    const h = fakeHistory();
    const w = new HistoryWriter(h, "/");
    w.write("/?1", { control: "a" });
    w.write("/?2", { control: "b" });
    w.write("/?3", { control: "b" });
    w.write("/?4", { control: "c.formula" });
    w.write("/?5", { discrete: true });
    w.write("/?6", { control: "a" });
    w.write("/?7", { control: "b" });
    w.sync("/?5");
    w.write("/?8", { control: "a" });
    expect(h.calls).toEqual(["push /?1", "replace /?2", "replace /?3", "replace /?4", "push /?5", "push /?6", "replace /?7", "push /?8"]);
  });
  it("writes nothing when the URL is unchanged, including after popstate", () => {
    const h = fakeHistory();
    const w = new HistoryWriter(h, "/a");
    expect(w.write("/a", { discrete: true })).toBe("none");
    w.sync("/b");
    expect(w.write("/b", { control: "x" })).toBe("none");
    expect(h.calls).toEqual([]);
  });
});

describe("UI strings", () => {
  it("loads English on demand, with every key and the same placeholders", async () => {
    expect(messages.en).toBeUndefined();
    expect(t("en", "title")).toBe(t("zh", "title"));
    await loadLang("en");
    const zh = messages.zh!;
    const en = messages.en!;
    for (const key of Object.keys(zh) as (keyof typeof zh)[]) {
      const ph = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(en[key], key).toBeTruthy();
      expect(ph(en[key]), key).toEqual(ph(zh[key]));
    }
    expect(t("en", "title")).toBe("Scenario simulator");
    expect(t("zh", "goalSeekAnswer", { rate: "5.0%" })).toBe("需要每年增长 5.0%。");
  });
});
