// The simulator page's shared state: one SimulatorState and what the views derive from it
// (chart descriptions, Monte Carlo results, the control in use), for the page's several islands.
// /simulate/ hydrates in parts (see README.md, "Hydration"): the header and key results at once,
// the charts, targets, dock, each group of assumptions and the extra panels one per task after
// it. Astro islands built from the same code share module instances, so every island that calls
// `simulatorPage()` sees the same object; on the server every island renders the plan scenario.
import { SimulatorState } from "./simulator.svelte";
import type { UncertaintyState } from "./uncertainty.svelte";
import { t } from "./i18n";
import { PUNCT } from "../../lib/lang";
import type { Bands, ReportedPoint, SpecInput } from "./chart-specs";
import { nationalLastReported } from "../../lib/model/national";
import type { MonteCarloResult } from "../../lib/model/montecarlo";
import { planTargets } from "../../lib/data/plan";
import { reportedFigures, type SourceKind } from "../../lib/data/sources";

const kindKey = { forum: "sourceKindForum", compilation: "sourceKindCompilation", encyclopedia: "sourceKindEncyclopedia" } as const;
const bandsOf = (r: MonteCarloResult | null): Bands | null =>
  r ? { gdpReal: r.bands.gdpReal, gdpNominal: r.bands.gdpNominal, gdpPerCapita: r.bands.gdpPerCapita, urbanIncome: r.bands.urbanIncome, residentPopulation: r.bands.residentPopulation } : null;

export class SimulatorPage {
  readonly sim = new SimulatorState();
  /** The Monte Carlo client (and its worker): loaded when uncertainty is first switched on. */
  mc = $state<UncertaintyState | null>(null);
  mcResult = $derived(this.sim.uncertainty ? (this.mc?.result ?? null) : null);
  /**
   * The Monte Carlo result that views off screen show: like sim.settled, it does not follow the
   * quick runs that arrive during a drag (each would rebuild every chart's description).
   */
  settledMc = $state.raw<MonteCarloResult | null>(null);
  /** The control in use (series input id, setting path or group id): the dock follows it. */
  control = $state("gdpRealGrowth");

  // Reported outcomes whose level is comparable with the model's (GDP levels are not: the
  // district's reports exclude the development zone). Figures from weak sources say so.
  #reported(indicator: string): ReportedPoint[] {
    const lang = this.sim.lang;
    return reportedFigures(indicator).map((r) => {
      const kind = r.weak ? kindKey[r.sourceKind as Exclude<SourceKind, "official" | "repost">] : undefined;
      const mark = kind ? PUNCT[lang].tag(t(lang, "weakSource") + PUNCT[lang].colon + t(lang, kind)) : "";
      return { year: r.year, value: r.value, source: mark + r.source };
    });
  }
  #reportedPoints = $derived({ residentPopulation: this.#reported("resident_population"), urbanIncome: this.#reported("urban_income") });
  bands = $derived(bandsOf(this.mcResult));
  settledBands = $derived(bandsOf(this.settledMc));

  // What the charts (and the phone's control dock) draw, from the state; `settledSpecInput`
  // is the same for the state before the drag in progress (for charts off screen).
  #specInputFor(projection: SpecInput["projection"], bands: Bands | null): SpecInput {
    const lang = this.sim.lang;
    return {
      lang,
      prices: this.sim.prices,
      projection,
      // One name while a slider moves: a legend entry that changed length ("本情景（规划目标）" ↔
      // "本情景") as the drag left and met the preset would reflow the legend and move the page.
      scenarioLabel: this.sim.pins.length ? t(lang, "current") : t(lang, "scenario"),
      pins: this.sim.pins,
      bands,
      targets: planTargets,
      reported: this.#reportedPoints,
      nationalLastReported,
    };
  }
  specInput: SpecInput = $derived(this.#specInputFor(this.sim.projection, this.bands));
  settledSpecInput: SpecInput = $derived(this.#specInputFor(this.sim.settled.projection, this.settledBands));

  /** Starts what the page does in the browser (once): Monte Carlo on demand, the settled result. */
  constructor() {
    if (typeof window === "undefined") return;
    this.sim.onChange((s) => void this.#uncertaintyChanged(s));
    $effect.root(() => {
      $effect(() => {
        const r = this.mcResult;
        void this.sim.settled;
        if (!this.sim.inGesture) this.settledMc = r;
      });
    });
  }

  async #uncertaintyChanged(s: SimulatorState) {
    if (!s.uncertainty) return this.mc?.stop();
    if (!this.mc) {
      const { UncertaintyState } = await import("./uncertainty.svelte");
      this.mc ??= new UncertaintyState();
    }
    if (s.uncertainty) this.mc.update(s.scenario);
  }

  /**
   * Follows the control in use inside `side` (the assumptions): focus, a touch or an input.
   * Plain DOM listeners on the server-rendered column, so the dock knows the control even when
   * it is touched before its group has hydrated.
   */
  followControls(side: Element): () => void {
    // Every step of a drag is an input event from the same element: look its control up once.
    let last: EventTarget | null = null;
    const follow = (e: Event) => {
      if (e.target === last) return;
      last = e.target;
      const target = e.target instanceof Element ? e.target.closest<HTMLElement>("[data-control], [data-group]") : null;
      const key = target?.dataset.control ?? target?.dataset.group;
      if (key && key !== this.control) this.control = key;
    };
    const types = ["focusin", "pointerdown", "input"];
    for (const type of types) side.addEventListener(type, follow, { passive: true, capture: true });
    return () => {
      for (const type of types) side.removeEventListener(type, follow, { capture: true });
    };
  }
}

let page: SimulatorPage | null = null;
/** The page's state, made by the first island that asks (in the browser, one per page). */
export function simulatorPage(): SimulatorPage {
  return (page ??= new SimulatorPage());
}
