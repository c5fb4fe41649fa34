// Public API of the model: projection, Monte Carlo, goal seek, sensitivity.
export { project, type Projection, type ProjectResult, type Snapshot } from "./project";
export { hasFormulas, formulaSources } from "./inputs";
export { BASE_YEAR, END_YEAR, YEARS, YEAR_COUNT, PERIODS, MILESTONE_YEARS, periodIndex, type YearKey } from "./years";
export { nationalSeries, nationalLastReported, nationalGdpCensusBreak } from "./national";
export type { TargetCheck, TargetStatus } from "./targets";
export { presets, defaultScenario, presetScenario, type Preset } from "../scenario/presets";
export { planTargets, plan, type PlanTarget } from "../data/plan";
export { monteCarlo, PERCENTILES, type MonteCarloResult, type MonteCarloOutcome, type Band, type BandId, type FirstYearDistribution } from "./montecarlo";
export { goalSeek, withConstantInput, SEEK_METRICS, type GoalSeekRequest, type GoalSeekResult, type SeekMetric } from "./goalseek";
export {
  sensitivity,
  SENSITIVITY_INPUTS,
  SENSITIVITY_OUTCOMES,
  SENSITIVITY_STEPS,
  type SensitivityBar,
  type SensitivityResult,
  type SensitivityOutcomeResult,
  type SensitivityInput,
  type SensitivityOutcome,
  type VerdictChange,
} from "./sensitivity";
export { RATE_FLOOR, POPULATION_FLOOR, PATH_OUTPUTS, type PathOutputId } from "./kernel";
export { averageAnnualGrowth } from "./growth";
export { deflatorVerdictFlips, withDeflator, type VerdictFlip, type PriceRange } from "./price-verdicts";
export { deflatorDefault, deflatorRange, priceEvidence, type PriceEvidence } from "../data/prices";
