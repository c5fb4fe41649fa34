// One text per scenario: sorted keys, defaults omitted, numbers normalised. Share links,
// stored scenarios and content hashes are all built from this text, so two people who set up
// the same scenario in different orders get the same link and the same hash.
import { DEFAULTS, SHOCK_IDS, type Scenario } from "./schema";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** The scenario without fields equal to their schema default (see DEFAULTS in schema.ts). */
function stripDefaults(s: Scenario): Record<string, unknown> {
  const out: Record<string, unknown> = { v: s.v, inputs: s.inputs, services: s.services, national: s.national };
  if (s.title !== undefined && s.title !== "") out.title = s.title;
  if (s.basedOn !== undefined) out.basedOn = s.basedOn;

  const population: Record<string, unknown> = { target: s.population.target, year: s.population.year };
  if (s.population.mode !== DEFAULTS.populationMode) population.mode = s.population.mode;
  out.population = population;

  const income: Record<string, unknown> = {};
  if (s.income.mode !== DEFAULTS.incomeMode) income.mode = s.income.mode;
  out.income = income;

  const mc: Record<string, unknown> = {};
  const md = DEFAULTS.montecarlo;
  if (s.montecarlo.paths !== md.paths) mc.paths = s.montecarlo.paths;
  if (s.montecarlo.seed !== md.seed) mc.seed = s.montecarlo.seed;
  if (s.montecarlo.rho !== md.rho) mc.rho = s.montecarlo.rho;
  if (s.montecarlo.fromYear !== md.fromYear) mc.fromYear = s.montecarlo.fromYear;
  const sd: Record<string, number> = {};
  for (const id of SHOCK_IDS) if (s.montecarlo.sd[id] !== md.sd[id]) sd[id] = s.montecarlo.sd[id];
  if (Object.keys(sd).length > 0) mc.sd = sd;
  if (Object.keys(mc).length > 0) out.montecarlo = mc;

  const view: Record<string, unknown> = {};
  if (s.view.lang !== DEFAULTS.view.lang) view.lang = s.view.lang;
  if (s.view.chart !== DEFAULTS.view.chart) view.chart = s.view.chart;
  if (s.view.prices !== DEFAULTS.view.prices) view.prices = s.view.prices;
  if (s.view.uncertainty !== DEFAULTS.view.uncertainty) view.uncertainty = s.view.uncertainty;
  if (Object.keys(view).length > 0) out.view = view;
  return out;
}

function sortKeys(x: unknown): Json {
  if (Array.isArray(x)) return x.map(sortKeys);
  if (typeof x === "number") return x === 0 ? 0 : x; // -0 → 0 (JSON.stringify already prints "0")
  if (x === null || typeof x !== "object") return x as Json;
  const out: { [k: string]: Json } = {};
  for (const key of Object.keys(x).sort()) {
    const value = (x as Record<string, unknown>)[key];
    if (value !== undefined) out[key] = sortKeys(value);
  }
  return out;
}

/**
 * Canonical JSON of a validated scenario. Numbers are already normalised by validation
 * (12 significant digits); JSON.stringify prints each in its shortest round-trip form.
 */
export function canonicalJson(s: Scenario): string {
  return JSON.stringify(sortKeys(stripDefaults(s)));
}

interface SubtleLike {
  digest(algorithm: string, data: Uint8Array): Promise<ArrayBuffer>;
}

/** Hex SHA-256 of canonicalJson(s), via WebCrypto (browsers in secure contexts, workerd, Node ≥ 20). */
export async function scenarioHash(s: Scenario): Promise<string> {
  const subtle = (globalThis as { crypto?: { subtle?: SubtleLike } }).crypto?.subtle;
  if (!subtle) throw new Error("WebCrypto (crypto.subtle) is not available in this context");
  // TextEncoder rather than fflate's strToU8: the simulator's start-up code imports this file,
  // and fflate (the share-link codec's) loads only with the codec.
  const digest = new Uint8Array(await subtle.digest("SHA-256", new TextEncoder().encode(canonicalJson(s))));
  let hex = "";
  for (const byte of digest) hex += byte.toString(16).padStart(2, "0");
  return hex;
}
