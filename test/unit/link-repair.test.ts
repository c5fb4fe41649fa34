// Link repair on hostile links: a key named like an Object.prototype member ("constructor",
// "toString", "__proto__"…) anywhere in a link's JSON is dropped and reported, never followed
// into Object.prototype (the simulator used to crash on `{"v":1,"constructor":1}`).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, decodeScenario, defaultScenario, validateScenario } from "../../src/lib/scenario";
import { nearestValid, rawLinkJson } from "../../src/components/simulator/link-repair";
import { getPath, setPath } from "../../src/components/simulator/scenario-edit";
import { fieldLabel, scenarioErrorText } from "../../src/components/simulator/i18n-errors";
import { OBJECT_PATHS, PROTOTYPE_NAMES, rawLink, withKey } from "../helpers/hostile";

const plan = canonicalJson(defaultScenario);

describe("link repair of prototype-named keys", () => {
  it("drops the key wherever it is, reports its path and gives back the plan scenario", { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(fc.constantFrom(...OBJECT_PATHS), fc.constantFrom(...PROTOTYPE_NAMES), fc.jsonValue({ maxDepth: 2 }), (path, key, value) => {
        const link = rawLink(withKey(path, key, value));
        const repaired = nearestValid(rawLinkJson(link));
        expect(repaired).not.toBeNull();
        expect(repaired!.replaced).toEqual([[...path, key].join(".")]);
        expect(canonicalJson(repaired!.scenario)).toBe(plan);
      }),
      { numRuns: 400 },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ["constructor", "1.q1YqU7Iy1FFKzs8rLikqTS7JL1KyMqwFAA"],
    ["toString", "1.q1YqU7Iy1FEqyQ8uKcrMS1eyMqwFAA"],
  ])("repairs the review's link with only v and %s", (key, link) => {
    expect(rawLinkJson(link)).toEqual({ v: 1, [key]: 1 });
    const repaired = nearestValid(rawLinkJson(link));
    expect(repaired).not.toBeNull();
    expect(repaired!.replaced).toContain(key);
    expect(validateScenario(repaired!.scenario).ok).toBe(true);
  });

  it.each(PROTOTYPE_NAMES)("repairs {v:1, %s:1} (every required part filled in from the plan)", (key) => {
    const repaired = nearestValid(JSON.parse(`{"v":1,${JSON.stringify(key)}:1}`));
    expect(repaired).not.toBeNull();
    expect(repaired!.replaced).toContain(key);
  });

  it("cuts a fourth period instead of giving up", () => {
    const raw = JSON.parse(JSON.stringify(defaultScenario));
    raw.inputs.gdpRealGrowth.periods = [7, 6, 5, 4];
    const d = decodeScenario(rawLink(JSON.stringify(raw)));
    expect(d.ok).toBe(false);
    const repaired = nearestValid(raw);
    expect(repaired?.replaced).toEqual(["inputs.gdpRealGrowth.periods.3"]);
    expect(repaired?.scenario.inputs.gdpRealGrowth.periods).toEqual([7, 6, 5]);
  });
});

describe("paths from outside read own properties only", () => {
  it("getPath does not see inherited members", () => {
    for (const key of PROTOTYPE_NAMES) {
      expect(getPath(defaultScenario, [key])).toBeUndefined();
      expect(getPath(defaultScenario, ["view", key])).toBeUndefined();
      expect(getPath(defaultScenario, ["montecarlo", "sd", key])).toBeUndefined();
    }
    expect(getPath(defaultScenario, ["inputs", "cpi", "periods", "0"])).toBe(defaultScenario.inputs.cpi.periods[0]);
  });
  it("setPath writes \"__proto__\" as an own key, never the prototype", () => {
    const x: Record<string, unknown> = {};
    setPath(x, ["__proto__", "polluted"], 1);
    expect(Object.getPrototypeOf(x)).toBe(Object.prototype);
    expect(Object.hasOwn(x, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const y: Record<string, unknown> = {};
    setPath(y, ["constructor", "prototype", "polluted"], 1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.constructor).toBe(Object);
  });
  it("the notice names no field for a prototype-named path, in either language", () => {
    for (const key of PROTOTYPE_NAMES) {
      expect(fieldLabel(key, "zh")).toBeNull();
      expect(fieldLabel(key, "en")).toBeNull();
      expect(scenarioErrorText({ path: key, detail: { code: "unknown-field" } }, "en")).toContain(key);
    }
  });
});
