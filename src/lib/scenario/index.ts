// Public API of the scenario module: schema, validation, canonical form, hash, share-link codec
// and presets. Browser-, worker- and workerd-safe (no DOM, no Node APIs, no fetch).
export {
  SCHEMA_VERSION,
  INPUT_IDS,
  INPUT_META,
  SHOCK_IDS,
  CHART_IDS,
  DEFAULTS,
  FORMULA_MAX_LENGTH,
  TITLE_MAX_LENGTH,
  SCENARIO_DETAIL_CODES,
  normaliseNumber,
  validateInputValue,
  type Scenario,
  type Series,
  type YearOverrides,
  type InputId,
  type ShockId,
  type ScenarioError,
  type ScenarioErrorDetail,
  type ValidationResult,
} from "./schema";
export { validateScenario } from "./validate";
export { migrate } from "./migrate";
export { canonicalJson, scenarioHash } from "./canonical";
export { encodeScenario, decodeScenario, MAX_ENCODED_LENGTH, MAX_JSON_BYTES, type DecodeResult } from "./codec";
export { presets, defaultScenario, presetScenario, type Preset } from "./presets";
