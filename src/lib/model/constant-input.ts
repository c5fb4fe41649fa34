// Holding one input at a constant value over a span of years: goal seek's unknown, and the price
// verdicts' deflator bounds. A file of its own so that the price verdicts, which /simulate/
// shows at start, do not bring goal seek's code (loaded with its panel) into the start-up chunk.
import type { InputId, Scenario, YearOverrides } from "../scenario/schema";

/** The scenario with `input` set to `rate` in every year from..to. */
export function withConstantInput(s: Scenario, input: InputId, from: number, to: number, rate: number): Scenario {
  const years: YearOverrides = { ...s.inputs[input].years };
  for (let y = from; y <= to; y++) years[String(y) as keyof YearOverrides] = rate;
  return { ...s, inputs: { ...s.inputs, [input]: { ...s.inputs[input], years } } };
}
