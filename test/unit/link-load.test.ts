// resolveLink: what a simulator link opens, without a browser. The loaders are the real ones
// (link repair, the formula compiler); a counting wrapper shows when they are (not) used.
import { describe, expect, it } from "vitest";
import { canonicalJson, defaultScenario, encodeScenario, presetScenario, type Scenario } from "../../src/lib/scenario";
import { resolveLink, type LinkLoaders } from "../../src/components/simulator/link-load";
import { repairLink } from "../../src/components/simulator/link-repair";
import { loadFormulas } from "../../src/components/simulator/formula-loader";
import { MAX_PARAM_LENGTH } from "../../src/components/simulator/url-state";
import { rawLink, withKey } from "../helpers/hostile";

function loaders() {
  const calls = { repair: 0, compile: 0 };
  const l: LinkLoaders = {
    repair: async (encoded) => {
      calls.repair++;
      return repairLink(encoded);
    },
    compile: async (scenarios) => {
      calls.compile++;
      return loadFormulas(scenarios);
    },
  };
  return { loaders: l, calls };
}

const q = (s: string) => `?s=${s}`;
const plan = canonicalJson(defaultScenario);
const paths = (r: Awaited<ReturnType<typeof resolveLink>>) =>
  r.notice?.reasons.map((x) => (x.kind === "scenario" ? x.error.path : x.kind === "formula" ? `formula:${x.issue.input}` : x.kind)) ?? [];

describe("resolveLink", () => {
  it("opens the plan scenario without a notice and loads nothing for an empty query", async () => {
    const { loaders: l, calls } = loaders();
    const r = await resolveLink("", null, null, l);
    expect(canonicalJson(r.scenario)).toBe(plan);
    expect(r.notice).toBeNull();
    expect(r.pins).toEqual([]);
    expect(r.legacyUncertainty).toBe(false);
    expect(calls).toEqual({ repair: 0, compile: 0 });
  });

  it("opens a valid link as it is", async () => {
    const s = presetScenario("cautious")!;
    const r = await resolveLink(q(encodeScenario(s)), null, null, loaders().loaders);
    expect(canonicalJson(r.scenario)).toBe(canonicalJson(s));
    expect(r.notice).toBeNull();
    expect(r.projection.gdpReal).toHaveLength(16);
  });

  it("prefers the share page's meta tag to ?s=", async () => {
    const meta = presetScenario("cautious")!;
    const r = await resolveLink(q(encodeScenario(defaultScenario)), encodeScenario(meta), null, loaders().loaders);
    expect(canonicalJson(r.scenario)).toBe(canonicalJson(meta));
  });

  it.each(["constructor", "toString", "valueOf", "hasOwnProperty", "__proto__"])(
    "repairs {v:1, %s:1} and names every field it replaced",
    async (key) => {
      const { loaders: l, calls } = loaders();
      const r = await resolveLink(q(rawLink(`{"v":1,${JSON.stringify(key)}:1}`)), null, null, l);
      expect(calls.repair).toBe(1);
      expect(r.notice?.kind).toBe("partial");
      expect(paths(r)).toContain(key);
      expect(paths(r)).toContain("inputs");
      // Every part the link lacked comes from the plan scenario (only its preset name does not).
      expect(canonicalJson({ ...r.scenario, basedOn: defaultScenario.basedOn })).toBe(plan);
    },
  );

  it("keeps the good fields of a link with a hostile key deep inside", async () => {
    const s = JSON.parse(withKey(["montecarlo", "sd"], "valueOf", 1));
    s.inputs.cpi.periods = [3, 3, 3];
    const r = await resolveLink(q(rawLink(JSON.stringify(s))), null, null, loaders().loaders);
    expect(paths(r)).toEqual(["montecarlo.sd.valueOf"]);
    expect(r.scenario.inputs.cpi.periods).toEqual([3, 3, 3]);
  });

  it("says malformed when nothing can be repaired, and outdated for a newer version", async () => {
    const broken = await resolveLink(q("1.this-is-not-a-scenario"), null, null, loaders().loaders);
    expect(broken.notice?.kind).toBe("malformed");
    expect(canonicalJson(broken.scenario)).toBe(plan);
    const newer = await resolveLink(q("9.AAAA"), null, null, loaders().loaders);
    expect(newer.notice?.kind).toBe("outdated");
    const offline: LinkLoaders = { repair: () => Promise.reject(new Error("offline")), compile: loadFormulas };
    const failed = await resolveLink(q(rawLink('{"v":1,"constructor":1}')), null, null, offline);
    expect(failed.notice?.kind).toBe("malformed");
    expect(canonicalJson(failed.scenario)).toBe(plan);
    const none: LinkLoaders = { repair: async () => null, compile: loadFormulas };
    const unrepaired = await resolveLink(q(rawLink('{"v":1,"constructor":1}')), null, null, none);
    expect(unrepaired.notice?.kind).toBe("malformed");
    expect(paths(unrepaired)).toEqual(["inputs"]);
  });

  it("refuses an over-long link before decoding it", async () => {
    const { loaders: l, calls } = loaders();
    const r = await resolveLink(q("1." + "A".repeat(MAX_PARAM_LENGTH + 1)), null, null, l);
    expect(r.notice).toEqual({ kind: "malformed", reasons: [{ kind: "url-too-long" }] });
    expect(calls.repair).toBe(0);
  });

  it("keeps good pins, reports bad ones", async () => {
    const pin = encodeScenario(presetScenario("cautious")!);
    const r = await resolveLink(`?p=${encodeURIComponent(`低~${pin}`)}&p=${encodeURIComponent("坏~1.AAAA")}`, null, null, loaders().loaders);
    expect(r.pins.map((p) => p.name)).toEqual(["低"]);
    expect(r.notice?.kind).toBe("partial");
    expect(r.notice?.reasons[0]).toMatchObject({ kind: "scenario", pin: "坏" });
  });

  // Loads mathjs the first time, which takes seconds on a busy machine.
  it("drops a formula that does not compile and keeps the rest of the scenario", { timeout: 60_000 }, async () => {
    const s: Scenario = structuredClone(defaultScenario);
    s.inputs.cpi.formula = "2 + year";
    s.inputs.gdpRealGrowth.periods = [7, 6, 5];
    const r = await resolveLink(q(encodeScenario(s)), null, null, loaders().loaders);
    expect(r.notice?.kind).toBe("partial");
    expect(paths(r)).toEqual(["formula:cpi"]);
    expect(r.scenario.inputs.cpi.formula).toBeUndefined();
    expect(r.scenario.inputs.gdpRealGrowth.periods).toEqual([7, 6, 5]);
  });

  it("folds the legacy ?u=1 and ?lang=en into the scenario's view", async () => {
    const r = await resolveLink("?u=1&lang=en", null, null, loaders().loaders);
    expect(r.legacyUncertainty).toBe(true);
    expect(r.scenario.view).toMatchObject({ uncertainty: true, lang: "en" });
    expect(r.notice).toBeNull();
  });
});
