// The slider's edit (setPeriod) checks only the value it changes, for speed: it must give
// exactly what validating the whole edited scenario gives, and share the untouched parts.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { INPUT_IDS, defaultScenario, presets, validateScenario, type InputId, type Scenario } from "../../src/lib/scenario";
import { setPeriod } from "../../src/components/simulator/scenario-edit";

/** The slow, obviously right edit: change a deep copy, validate the whole scenario. */
function setPeriodByFullValidation(s: Scenario, input: InputId, period: 0 | 1 | 2, value: number) {
  const next = JSON.parse(JSON.stringify(s)) as Scenario;
  next.inputs[input].periods[period] = value;
  return validateScenario(next);
}

const scenarios = [defaultScenario, ...presets.map((p) => p.scenario)];

describe("setPeriod (a slider step)", () => {
  it("gives what validating the whole edited scenario gives, for any number", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...scenarios),
        fc.constantFrom(...INPUT_IDS),
        fc.constantFrom(0 as const, 1 as const, 2 as const),
        fc.oneof(fc.double({ noNaN: false }), fc.double({ min: -50, max: 50 }), fc.constantFrom(0, -0, 4.700000000000001, 1e-13, Infinity, -Infinity, NaN)),
        (s, input, period, value) => {
          const fast = setPeriod(s, input, period, value);
          const full = setPeriodByFullValidation(s, input, period, value);
          expect(fast.ok).toBe(full.ok);
          if (fast.ok && full.ok) expect(fast.scenario).toStrictEqual(full.scenario);
          if (!fast.ok && !full.ok) expect(fast.error).toStrictEqual(full.error);
        },
      ),
      { numRuns: 400 },
    );
  });

  it("shares the parts it does not change, and leaves the original as it was", () => {
    const before = JSON.stringify(defaultScenario);
    const r = setPeriod(defaultScenario, "gdpRealGrowth", 1, 4.2);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(JSON.stringify(defaultScenario)).toBe(before);
    expect(r.scenario.inputs.gdpRealGrowth.periods).toEqual([defaultScenario.inputs.gdpRealGrowth.periods[0], 4.2, defaultScenario.inputs.gdpRealGrowth.periods[2]]);
    expect(r.scenario.inputs.gdpRealGrowth).not.toBe(defaultScenario.inputs.gdpRealGrowth);
    for (const id of INPUT_IDS) if (id !== "gdpRealGrowth") expect(r.scenario.inputs[id]).toBe(defaultScenario.inputs[id]);
    expect(r.scenario.population).toBe(defaultScenario.population);
    expect(r.scenario.view).toBe(defaultScenario.view);
  });
});
