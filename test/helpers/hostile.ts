// Hostile scenario JSON shared by the engine's property tests and the link-repair tests: keys
// named like Object.prototype's members, put into every object of a scenario.
import { deflateSync, strToU8 } from "fflate";
import { INPUT_IDS, defaultScenario } from "../../src/lib/scenario";
import { base64urlEncode } from "../../src/lib/scenario/codec";

/** Every name an object inherits from Object.prototype, plus "prototype" (skipped by some validators). */
export const PROTOTYPE_NAMES = [...Object.getOwnPropertyNames(Object.prototype), "prototype"];

/** Every object of a scenario that a hostile key can be put into (years included). */
export const OBJECT_PATHS: string[][] = [
  [],
  ["inputs"],
  ...INPUT_IDS.flatMap((id) => [["inputs", id], ["inputs", id, "years"]]),
  ["population"],
  ["income"],
  ["services"],
  ["national"],
  ["montecarlo"],
  ["montecarlo", "sd"],
  ["view"],
];

/** The plan scenario as JSON text with `key: value` added as an own key of the object at `path`. */
export function withKey(path: readonly string[], key: string, value: unknown): string {
  const base = JSON.parse(JSON.stringify(defaultScenario));
  for (const id of INPUT_IDS) base.inputs[id].years = {};
  let node = base;
  for (const k of path) node = node[k];
  Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true });
  return JSON.stringify(base);
}

/** A share link holding exactly this JSON text, valid or not. */
export const rawLink = (json: string) => `1.${base64urlEncode(deflateSync(strToU8(json)))}`;

