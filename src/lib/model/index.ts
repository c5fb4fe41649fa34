// Public API of the model: projection, Monte Carlo, goal seek, sensitivity.
export { project, type Projection, type ProjectResult, type Snapshot } from "./project";
export { hasFormulas, formulaSources } from "./inputs";
export { BASE_YEAR, END_YEAR, YEARS, YEAR_COUNT, PERIODS, MILESTONE_YEARS, periodIndex, type YearKey } from "./years";
export { nationalSeries, nationalLastReported } from "./national";
export type { TargetCheck, TargetStatus } from "./targets";
export { presets, defaultScenario, presetScenario, type Preset } from "../scenario/presets";
export { planTargets, plan, type PlanTarget } from "../data/plan";
