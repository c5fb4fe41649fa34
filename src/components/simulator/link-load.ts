// What a link opens: the scenario, pins, compiled formulas and the notice about anything that
// had to be replaced, resolved from the query string (and a share page's meta tag) without
// touching the page. The loaders it needs (link repair, the formula compiler) are passed in, so
// that it runs in a unit test as it runs in the browser; SimulatorState.load() only applies the
// result.
import type { Scenario, ScenarioError } from "../../lib/scenario/schema";
import { defaultScenario } from "../../lib/scenario/presets";
import { project, type Projection } from "../../lib/model/project";
import { hasFormulas } from "../../lib/model/inputs";
import type { FormulaSet } from "../../lib/formula/types";
import { setFormula } from "./scenario-edit";
import { parseUrlState } from "./url-state";
import type { LoadResult } from "./formula-loader";
import type { NoticeReason } from "./i18n-errors";
import { loadCodec } from "./codec-loader";

export interface PinnedScenario {
  name: string;
  scenario: Scenario;
  projection: Projection;
  /** The link's text for a pin opened from a link; a pin made on the page gets its text when the URL is written. */
  encoded?: string;
}

/** A message about the link the page was opened with; i18n-errors.ts says it in either language. */
export interface LinkNotice {
  kind: "malformed" | "outdated" | "partial";
  reasons: NoticeReason[];
}

export interface LinkLoaders {
  /** The nearest valid scenario to a link refused as invalid, with every error it fixed; null when nothing is usable. */
  repair(encoded: string): Promise<{ scenario: Scenario; errors: ScenarioError[] } | null>;
  /** Compiles the formulas of several scenarios into one set (formula-loader's loadFormulas). */
  compile(scenarios: readonly Scenario[]): Promise<LoadResult>;
}

export interface ResolvedLink {
  scenario: Scenario;
  projection: Projection;
  pins: PinnedScenario[];
  /** The formulas of the scenario and its pins; `current` when none were needed. */
  formulas: FormulaSet | null;
  notice: LinkNotice | null;
  /** The query had the legacy `u` parameter (now folded into the scenario's view). */
  legacyUncertainty: boolean;
}

/** The scenario of a link, or the nearest valid one, or the plan's; with why. */
async function linkScenario(encoded: string, loaders: LinkLoaders): Promise<{ scenario: Scenario; kind: LinkNotice["kind"] | null; reasons: NoticeReason[] }> {
  const r = (await loadCodec()).decodeScenario(encoded);
  if (r.ok) return { scenario: r.scenario, kind: null, reasons: [] };
  // A repair that cannot load (offline, say) leaves the plan scenario and the decoder's reason.
  const repaired = r.error.code === "invalid" ? await loaders.repair(encoded).catch(() => null) : null;
  if (repaired) {
    const errors = repaired.errors.length > 0 ? repaired.errors : [r.error];
    return { scenario: repaired.scenario, kind: "partial", reasons: errors.map((error) => ({ kind: "scenario", error })) };
  }
  return { scenario: defaultScenario, kind: r.error.code === "unsupported-version" ? "outdated" : "malformed", reasons: [{ kind: "scenario", error: r.error }] };
}

/**
 * Resolves a query string (and a share page's `<meta name="scenario">`) into the state to show.
 * A bad part never loses the rest: it is replaced by the nearest valid state and reported in
 * `notice`. Never throws on any link.
 */
export async function resolveLink(search: string, metaScenario: string | null, current: FormulaSet | null, loaders: LinkLoaders): Promise<ResolvedLink> {
  const { state, problems } = parseUrlState(search, metaScenario);
  const reasons: NoticeReason[] = [];
  let kind: LinkNotice["kind"] | null = null;
  if (problems.some((p) => p.kind === "too-long")) {
    kind = "malformed";
    reasons.push({ kind: "url-too-long" });
  }

  let scenario: Scenario = defaultScenario;
  if (state.encoded) {
    const linked = await linkScenario(state.encoded, loaders);
    scenario = linked.scenario;
    if (linked.kind === "partial") kind ??= "partial";
    else if (linked.kind) kind = linked.kind;
    reasons.push(...linked.reasons);
  }
  if (state.lang) scenario = { ...scenario, view: { ...scenario.view, lang: state.lang } };
  // Links made before uncertainty was part of the scenario carried it as ?u=1.
  if (state.uncertainty) scenario = { ...scenario, view: { ...scenario.view, uncertainty: true } };

  const pinScenarios: { name: string; scenario: Scenario; encoded: string }[] = [];
  // The codec loads only for a link that carries scenarios (the plan's own page reads none).
  if (state.pins.length) {
    const { decodeScenario } = await loadCodec();
    for (const p of state.pins) {
      const r = decodeScenario(p.encoded);
      if (r.ok) pinScenarios.push({ name: p.name, scenario: r.scenario, encoded: p.encoded });
      else {
        kind ??= "partial";
        reasons.push({ kind: "scenario", error: r.error, pin: p.name });
      }
    }
  }
  if (problems.some((p) => p.kind === "bad-pin" || p.kind === "too-many-pins")) kind ??= "partial";

  let formulas = current;
  const all = [scenario, ...pinScenarios.map((p) => p.scenario)];
  if (all.some(hasFormulas)) {
    const compiled = await loaders.compile(all);
    if (compiled.ok) formulas = compiled.formulas;
    else {
      // Drop the formulas that do not compile rather than the whole scenario.
      kind ??= "partial";
      for (const issue of compiled.issues) reasons.push({ kind: "formula", issue });
      for (const issue of compiled.issues) {
        const cleared = setFormula(scenario, issue.input, null);
        if (cleared.ok) scenario = cleared.scenario;
      }
      const again = hasFormulas(scenario) ? await loaders.compile([scenario]) : null;
      formulas = again?.ok ? again.formulas : null;
    }
  }

  let projected = project(scenario, formulas ?? undefined);
  if (!projected.ok) {
    kind ??= "partial";
    for (const issue of projected.issues) reasons.push({ kind: "formula", issue });
    scenario = { ...defaultScenario, view: scenario.view };
    projected = project(scenario);
  }
  if (!projected.ok) throw new Error(`the plan scenario does not project: ${projected.issues[0]?.message}`);

  const pins: PinnedScenario[] = [];
  for (const p of pinScenarios) {
    const pr = project(p.scenario, formulas ?? undefined);
    if (pr.ok) pins.push({ ...p, projection: pr.projection });
  }
  return {
    scenario,
    projection: projected.projection,
    pins,
    formulas,
    notice: kind ? { kind, reasons } : null,
    legacyUncertainty: new URLSearchParams(search).has("u"),
  };
}
