// The simulator's UI state: the last valid scenario and its projection, pinned scenarios,
// the uncertainty switch, and the link between all of it and the URL. Rune-based so that
// views read fields directly; every change goes through a method here, which validates,
// projects synchronously (a slider step repaints in the same frame) and writes the URL.
import type { InputId, Scenario, ScenarioError } from "../../lib/scenario/schema";
import { canonicalJson } from "../../lib/scenario/canonical";
import { defaultScenario, presetScenario, presets } from "../../lib/scenario/presets";
import { project, type Projection } from "../../lib/model/project";
import { hasFormulas } from "../../lib/model/inputs";
import type { FormulaIssue, FormulaIssueDetail, FormulaSet } from "../../lib/formula/types";
import { loadLang, t, type Lang } from "./i18n";
import { setFormula, type EditResult } from "./scenario-edit";
import { HistoryWriter, MAX_PINS, buildSearch, type ChangeKind, type UrlState } from "./url-state";
import { loadFormulas } from "./formula-loader";
import { resolveLink, type LinkNotice, type PinnedScenario } from "./link-load";
import { foldConstantYears } from "./controls";
import { flushCharts } from "./chart-queue";
import { codec, loadCodec } from "./codec-loader";

export type { LinkNotice, PinnedScenario };

/** A formula text that validation refused (length, characters), as a formula issue. */
function refusedFormula(input: InputId, text: string, error: ScenarioError): FormulaIssue {
  const d = error.detail;
  const detail: FormulaIssueDetail =
    d.code === "too-long" ? { code: "too-long", max: d.max } : d.code === "not-ascii" ? { code: "not-ascii" } : { code: "parse-error", text: error.message };
  return { code: "syntax", input, position: 0, length: text.length, message: error.message.replace(/^[\w.]+: /, ""), detail };
}

/**
 * The scenario's canonical text with the view left out: whether two scenarios say the same
 * thing, whatever language, price basis or chart they are shown with.
 */
function coreCanonical(s: Scenario): string {
  return canonicalJson({ ...s, view: defaultScenario.view });
}
const sameView = (a: Scenario["view"], b: Scenario["view"]) => a.lang === b.lang && a.prices === b.prices && a.uncertainty === b.uncertainty && a.chart === b.chart;
// Made when first asked (not when the module loads): the page's start-up task is kept short.
let defaultCoreText: string | null = null;
const defaultCore = () => (defaultCoreText ??= coreCanonical(defaultScenario));
const presetCores = new Map<string, string>();
function presetCore(id: string): string | undefined {
  let core = presetCores.get(id);
  if (core === undefined) {
    const p = presets.find((x) => x.id === id);
    if (!p) return undefined;
    presetCores.set(id, (core = coreCanonical(p.scenario)));
  }
  return core;
}

// Encodings by scenario object: each URL write asks again for the current scenario's and the
// pins' text (deflate at level 9 costs about half a millisecond on a fast machine). Only once
// the codec has loaded: URL writes wait for it (#flushUrl).
const encodings = new WeakMap<Scenario, string>();
function encoded(s: Scenario): string {
  let text = encodings.get(s);
  if (text === undefined) {
    const c = codec();
    if (!c) throw new Error("the link codec is not loaded yet (loadCodec)");
    encodings.set(s, (text = c.encodeScenario(s)));
  }
  return text;
}

function mustProject(s: Scenario, formulas?: FormulaSet): Projection {
  const r = project(s, formulas);
  if (!r.ok) throw new Error(`the plan scenario does not project: ${r.issues[0]?.message}`);
  return r.projection;
}

const defaultProjection = mustProject(defaultScenario);

/**
 * How long URL writes wait after an edit. Chrome refuses more than 100 history writes in 10 s,
 * and encoding the scenario and writing the history entry cost a few milliseconds on a slow
 * phone: a drag or typing (a gesture) writes once it ends (endGesture) or rests for
 * GESTURE_REST_MS, never between two of its steps.
 */
const URL_WRITE_GAP_MS = 200;
const GESTURE_REST_MS = 600;

export class SimulatorState {
  #scenario: Scenario = $state.raw(defaultScenario);
  /** The last valid scenario: what the charts and results show. */
  get scenario(): Scenario {
    return this.#scenario;
  }
  set scenario(next: Scenario) {
    this.#scenario = next;
    // The view's fields are states of their own, written only when they change: as deriveds of
    // the scenario, every slider step marked everything that reads the language (nearly every
    // text on the page) as possibly changed, and Svelte walked and checked all of it again.
    const v = next.view;
    if (v.lang !== this.lang) this.lang = v.lang;
    if (v.prices !== this.prices) this.prices = v.prices;
    if (v.uncertainty !== this.uncertainty) this.uncertainty = v.uncertainty;
    if (next.basedOn !== this.#basedOn) {
      this.#basedOn = next.basedOn;
      this.preset = presets.find((p) => p.id === next.basedOn) ?? null;
    }
  }
  projection: Projection = $state.raw(defaultProjection);
  /** Compiled formulas of the current scenario and the pins (null until mathjs is loaded). */
  formulas: FormulaSet | null = $state.raw(null);
  /** Formula problems by input: the text typed and what is wrong with it. */
  formulaErrors: Partial<Record<InputId, { text: string; issue: FormulaIssue }>> = $state({});
  formulaLoading = $state(false);
  pins: PinnedScenario[] = $state.raw([]);
  notice: LinkNotice | null = $state(null);
  /** The error texts (loaded with the first error shown). */
  errorText: typeof import("./i18n-errors") | null = $state.raw(null);

  /** The scenario's language (its view's), kept by the scenario's setter. */
  lang: Lang = $state(defaultScenario.view.lang);
  prices: Scenario["view"]["prices"] = $state(defaultScenario.view.prices);
  /** Monte Carlo shown: part of the scenario's view, so that every link (short ones too) keeps it. */
  uncertainty: boolean = $state(defaultScenario.view.uncertainty);
  #basedOn: Scenario["basedOn"] = defaultScenario.basedOn;
  /** The preset the scenario started from, if any. */
  preset: (typeof presets)[number] | null = $state.raw(presets.find((p) => p.id === defaultScenario.basedOn) ?? null);
  /** The scenario without its view, as canonical text: computed when read (a URL write). */
  #core = $derived(coreCanonical(this.scenario));
  isDefault = $derived(this.#core === defaultCore() && sameView(this.scenario.view, defaultScenario.view));

  /** A slider is being dragged or a number typed (not reactive: charts read it when they draw). */
  inGesture = false;
  /**
   * The scenario and projection as they were before the gesture in progress (the same as
   * `scenario` and `projection` between gestures): what views off screen show during a drag
   * (see on-screen.svelte.ts). Changes when a gesture ends or on any other change.
   */
  settled: { scenario: Scenario; projection: Projection } = $state.raw({ scenario: defaultScenario, projection: defaultProjection });
  // Of the settled scenario: during a drag the preset's name, the "(已修改)" option and the
  // preset note change once the gesture ends or rests, not on its first step (where they added
  // a canonical text of the scenario per step and a layout of the page's header to a task
  // already the longest of the drag).
  #settledCore: string = $derived(coreCanonical(this.settled.scenario));
  /**
   * The scenario is its preset, unchanged (apart from the view), so the preset's name fits it.
   * The preset's own object (the page as it opens, or a preset just chosen) is the preset without
   * the two canonical texts, which took a fifth of the first island's hydration.
   */
  scenarioMatchesPreset = $derived(this.preset != null && (this.settled.scenario === this.preset.scenario || this.#settledCore === presetCore(this.preset.id)));

  #history: HistoryWriter | null = null;
  #urlTimer: ReturnType<typeof setTimeout> | null = null;
  #pendingKind: ChangeKind | null = null;
  #listeners = new Set<(s: SimulatorState) => void>();

  /** Called after every committed change (the Monte Carlo runner listens). */
  onChange(fn: (s: SimulatorState) => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  // ---- changes -------------------------------------------------------------------------

  /**
   * Shows a validated scenario if it projects. A scenario whose formulas cannot be evaluated
   * is not shown: the last valid one stays, and the issues are returned.
   */
  apply(next: Scenario, kind: ChangeKind): FormulaIssue[] {
    // Per-year values that fill a whole period with one value (goal seek's answer) become the
    // period's value, so that its slider shows the value in force and moves it.
    return this.#show(foldConstantYears(next), kind);
  }

  #show(next: Scenario, kind: ChangeKind): FormulaIssue[] {
    const r = project(next, this.formulas ?? undefined);
    if (!r.ok) return r.issues;
    this.inGesture = !kind.discrete && kind.gesture === true;
    this.scenario = next;
    this.projection = r.projection;
    if (!this.inGesture) this.#settle();
    this.#scheduleUrl(kind);
    for (const fn of this.#listeners) fn(this);
    return [];
  }

  /** Applies the result of an edit helper; an invalid edit is ignored (the field shows why). */
  edit(result: EditResult, kind: ChangeKind): ScenarioError | FormulaIssue[] | null {
    if (!result.ok) return result.error;
    const issues = this.apply(result.scenario, kind);
    return issues.length ? issues : null;
  }

  choosePreset(id: string): void {
    const s = presetScenario(id);
    if (!s) return;
    // A preset keeps the reader's language, price basis and uncertainty switch.
    s.view = { ...s.view, lang: this.scenario.view.lang, prices: this.scenario.view.prices, uncertainty: this.scenario.view.uncertainty };
    this.formulaErrors = {};
    // As the preset is, so that it still reads as the preset (no folding of its per-year values).
    this.#show(s, { discrete: true });
  }

  reset(): void {
    this.choosePreset(defaultScenario.basedOn ?? "plan");
  }

  async setLang(lang: Lang): Promise<void> {
    // The codec too, while the strings load: the new entry is pushed as the page changes language.
    await Promise.all([loadLang(lang), loadCodec().catch(() => {})]);
    this.apply({ ...this.scenario, view: { ...this.scenario.view, lang } }, { discrete: true });
  }

  setPrices(prices: "constant" | "current"): void {
    this.apply({ ...this.scenario, view: { ...this.scenario.view, prices } }, { control: "view.prices" });
  }

  setUncertainty(on: boolean): void {
    this.apply({ ...this.scenario, view: { ...this.scenario.view, uncertainty: on } }, { control: "view.uncertainty" });
  }

  /**
   * Sets an input's formula. mathjs is loaded the first time; a formula that does not parse
   * or evaluate is shown with its error and the last valid scenario stays on screen.
   */
  async setFormula(input: InputId, text: string): Promise<FormulaIssue | null> {
    const edited = setFormula(this.scenario, input, text);
    if (!edited.ok) {
      const issue = refusedFormula(input, text, edited.error);
      this.formulaErrors = { ...this.formulaErrors, [input]: { text, issue } };
      return issue;
    }
    const next = edited.scenario;
    let formulas = this.formulas;
    if (hasFormulas(next)) {
      this.formulaLoading = true;
      try {
        const compiled = await loadFormulas([next, ...this.pins.map((p) => p.scenario)]);
        if (!compiled.ok) {
          const issue = compiled.issues.find((i) => i.input === input) ?? compiled.issues[0]!;
          this.formulaErrors = { ...this.formulaErrors, [input]: { text, issue } };
          return issue;
        }
        formulas = compiled.formulas;
      } finally {
        this.formulaLoading = false;
      }
    }
    const r = project(next, formulas ?? undefined);
    if (!r.ok) {
      const issue = r.issues.find((i) => i.input === input) ?? r.issues[0]!;
      this.formulaErrors = { ...this.formulaErrors, [input]: { text, issue } };
      return issue;
    }
    this.formulas = formulas;
    const { [input]: _dropped, ...rest } = this.formulaErrors;
    this.formulaErrors = rest;
    this.apply(next, { control: `${input}.formula` });
    // A formula is entered as a whole (not dragged): its link is written at once.
    this.#flushUrl();
    return null;
  }

  pin(name: string): boolean {
    if (this.pins.length >= MAX_PINS) return false;
    const trimmed = name.trim() || `${t(this.lang, "scenario")} ${this.pins.length + 1}`;
    // Its link text is made when the URL is written (the codec may still be loading).
    this.pins = [...this.pins, { name: trimmed, scenario: this.scenario, projection: this.projection }];
    this.#scheduleUrl({ control: "pins" });
    return true;
  }

  unpin(index: number): void {
    this.pins = this.pins.filter((_, i) => i !== index);
    this.#scheduleUrl({ control: "pins" });
  }

  /**
   * Ends a slider drag or a typed value: the URL is written in the next task rather than after
   * the pause. Not in this one: encoding the scenario and history.replaceState (1–37 ms under
   * load) made the change event, with the views catching up, the longest task of a drag. The
   * views off screen catch up in a task of their own too (the targets' verdicts project the
   * scenario again): with them, the change event of a first drag was a task of 46–66 ms on a
   * phone at 4× CPU. A new gesture begun meanwhile leaves them as they are until it ends.
   */
  endGesture(): void {
    // Charts that waited off screen or kept their axes during the drag catch up, one per frame.
    // Their turns are asked for before the address's and the views' tasks, and so come first:
    // after the views had caught up, a chart's layout also restyled the page it read its size
    // from (tasks of 53–58 ms after 4 drags in 5 on a phone at 4× CPU; 1 in 5 this way).
    flushCharts(true);
    if (this.#urlTimer) clearTimeout(this.#urlTimer);
    this.#urlTimer = setTimeout(() => this.#flushUrl(), 0);
    this.inGesture = false;
    setTimeout(() => {
      if (!this.inGesture) this.#settle();
    }, 0);
  }

  #settle(): void {
    if (this.settled.scenario !== this.scenario || this.settled.projection !== this.projection) this.settled = { scenario: this.scenario, projection: this.projection };
  }

  // ---- URL -----------------------------------------------------------------------------

  /** The state to write in the URL. Needs the codec (loadCodec). */
  urlState(): UrlState {
    return {
      encoded: this.isDefault ? null : encoded(this.scenario),
      pins: this.pins.map((p) => ({ name: p.name, encoded: p.encoded ?? encoded(p.scenario) })),
      uncertainty: false,
      lang: null,
    };
  }

  /** The path and query of the current state (always under /simulate/, also on /s/:id pages). Needs the codec. */
  url(): string {
    return `/simulate/${buildSearch(this.urlState())}`;
  }

  #scheduleUrl(kind: ChangeKind): void {
    if (!this.#history) return;
    // The first change starts loading the codec, in a task of its own (the import's preload
    // links, added to the first step of a drag, made it a long task on a slow phone). Not during
    // a gesture: evaluating the codec (fflate builds its tables) is a task of 60 ms on a slow
    // phone, and in a drag it fell between two steps. A gesture's write loads it when the
    // gesture ends or rests (#flushUrl).
    if (!codec() && !("gesture" in kind && kind.gesture)) setTimeout(() => loadCodec().catch(() => {}), 0);
    if (kind.discrete) {
      this.#pendingKind = kind;
      this.#flushUrl();
      return;
    }
    this.#pendingKind = this.#pendingKind?.discrete ? this.#pendingKind : kind;
    if (kind.gesture) {
      // Each step of a gesture pushes the write back; its end writes at once.
      if (this.#urlTimer) clearTimeout(this.#urlTimer);
      this.#urlTimer = setTimeout(() => {
        this.#flushUrl();
        this.#settle();
      }, GESTURE_REST_MS);
    } else this.#urlTimer ??= setTimeout(() => this.#flushUrl(), URL_WRITE_GAP_MS);
  }

  #flushUrl(): void {
    if (this.#urlTimer) clearTimeout(this.#urlTimer);
    this.#urlTimer = null;
    if (this.#pendingKind && this.#history && !codec()) {
      // The write waits for the codec, and then writes the state of that moment (changes made
      // meanwhile join it). A failed load leaves the write pending for the next change.
      // Written in a task after the one that evaluates the codec (fflate builds its tables):
      // together they were a task of 40–66 ms after a first drag on a phone at 4× CPU.
      loadCodec().then(
        () => setTimeout(() => this.#flushUrl(), 0),
        () => {},
      );
      return;
    }
    const kind = this.#pendingKind;
    this.#pendingKind = null;
    if (!kind || !this.#history) return;
    this.#history.write(this.url(), kind);
  }

  /**
   * Reads the state from the page's URL (and the share page's meta tag) and starts writing
   * it back on changes. Browser only.
   */
  async start(location: Location, history: History, metaScenario: string | null): Promise<void> {
    const legacy = await this.load(location.search, metaScenario);
    let current = location.pathname + location.search;
    if (legacy) {
      // An old link's ?u=1 now lives in the scenario: the address drops it without a new entry.
      await loadCodec();
      current = this.url();
      history.replaceState(history.state, "", current + location.hash);
    }
    this.#history = new HistoryWriter(history, current);
  }

  /** Back/forward: show the state of the URL without writing a new entry. */
  async restore(location: Location): Promise<void> {
    this.#urlTimer && clearTimeout(this.#urlTimer);
    this.#urlTimer = null;
    this.#pendingKind = null;
    const history = this.#history;
    this.#history = null; // no writes while restoring
    try {
      await this.load(location.search, null);
    } finally {
      this.#history = history;
      history?.sync(location.pathname + location.search);
    }
  }

  /**
   * Loads a query string; a bad part is reported in `notice` and replaced by the nearest valid
   * state (resolved by link-load.ts). Returns whether the query had the legacy `u` parameter
   * (now folded into the scenario).
   */
  async load(search: string, metaScenario: string | null): Promise<boolean> {
    const r = await resolveLink(search, metaScenario, this.formulas, {
      // The repair code loads only for a damaged link.
      repair: (encoded) => import("./link-repair").then((m) => m.repairLink(encoded)),
      compile: loadFormulas,
    });
    await loadLang(r.scenario.view.lang);
    // Before any state changes: the page then switches to the link's state in one step.
    if (r.notice) this.errorText ??= await import("./i18n-errors");
    // The plan scenario's page reads the scenario it already shows: keep its projection, so
    // that nothing is drawn again for an equal one.
    const same = r.scenario === this.scenario && r.formulas === this.formulas;
    this.formulas = r.formulas;
    this.formulaErrors = {};
    this.scenario = r.scenario;
    if (!same) this.projection = r.projection;
    this.pins = r.pins;
    this.notice = r.notice;
    this.inGesture = false;
    this.#settle();
    for (const fn of this.#listeners) fn(this);
    return r.legacyUncertainty;
  }

  dismissNotice(): void {
    this.notice = null;
  }
}
