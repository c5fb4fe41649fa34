// Recovery of the nearest valid scenario from a link the engine refused as invalid. Loaded
// only when such a link is opened.
import { inflateSync, strFromU8 } from "fflate";
import { defaultScenario, validateScenario, type Scenario, type ScenarioError } from "../../lib/scenario";
import { getPath, setPath } from "./scenario-edit";

// JSON values only (what a link holds, or the plan scenario's fields); JSON.parse makes every
// key, "__proto__" included, an own property.
function clone<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}

function deletePath(x: unknown, keys: readonly string[]): boolean {
  const parent = getPath(x, keys.slice(0, -1));
  if (parent == null || typeof parent !== "object") return false;
  const last = keys[keys.length - 1]!;
  if (Array.isArray(parent)) {
    // An item past the end of a fixed-length list (a fourth period): cut the list there.
    const index = Number(last);
    if (!Number.isInteger(index) || index < 0 || index >= parent.length) return false;
    parent.length = index;
    return true;
  }
  if (!Object.hasOwn(parent, last)) return false;
  delete (parent as Record<string, unknown>)[last];
  return true;
}

/**
 * The JSON inside a scenario link, without validating it: "1." + base64url(deflate(json)).
 * Used only to repair a link that the engine's decoder refused as invalid.
 */
export function rawLinkJson(text: string): unknown {
  const m = /^(\d{1,3})\.([A-Za-z0-9_-]+)$/.exec(text.trim());
  if (!m) return undefined;
  const b64 = m[2]!.replace(/-/g, "+").replace(/_/g, "/");
  try {
    const bin = atob(b64 + "===".slice((b64.length + 3) % 4));
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    return JSON.parse(strFromU8(inflateSync(bytes, { out: new Uint8Array(32_769) })));
  } catch {
    return undefined;
  }
}

/**
 * The nearest valid scenario to a JSON value the engine refused as invalid: each offending
 * field (as the engine reports it, one at a time) is replaced by the plan scenario's value,
 * or dropped when the plan scenario has none (an unknown field). Returns the repaired
 * scenario, the fields that were replaced and the engine's error for each, or null when
 * nothing usable is left.
 */
export function nearestValid(raw: unknown, maxSteps = 25): { scenario: Scenario; replaced: string[]; errors: ScenarioError[] } | null {
  if (raw == null || typeof raw !== "object" || Array.isArray(raw)) return null;
  const work = clone(raw) as Record<string, unknown>;
  const errors: ScenarioError[] = [];
  for (let step = 0; step < maxSteps; step++) {
    const r = validateScenario(work);
    if (r.ok) return { scenario: r.scenario, replaced: errors.map((e) => e.path), errors };
    if (r.error.code !== "invalid" || r.error.path === "" || r.error.path === "v") return null;
    const keys = r.error.path.split(".");
    const fallback = getPath(defaultScenario, keys);
    // Replace the smallest thing that fixes it; a missing parent is filled in whole.
    if (fallback !== undefined) setPath(work, keys, clone(fallback));
    else if (!deletePath(work, keys)) return null;
    errors.push(r.error);
  }
  return null;
}

/** The nearest valid scenario to a link's text (see nearestValid); what SimulatorState loads on demand. */
export function repairLink(encoded: string): { scenario: Scenario; errors: ScenarioError[] } | null {
  return nearestValid(rawLinkJson(encoded));
}
