// Engine benchmarks. Run with `npm run bench:engine` (scripts/bench-engine.mjs bundles this
// file with esbuild and runs it on the project's Node). Prints one table; with --strict, exits
// non-zero when a goal is missed; with --no-wasm, the Monte Carlo runs without its
// WebAssembly kernels throughout.
import { cpus, loadavg } from "node:os";
import { decodeScenario, defaultScenario, encodeScenario, type Scenario } from "../src/lib/scenario";
import { deflatorVerdictFlips, goalSeek, monteCarlo, project, sensitivity } from "../src/lib/model";
import { compileFormulasSync } from "../src/lib/formula/compile";
import { printTable } from "./lib.mjs";
import { referenceWorkload } from "./bench-reference";
import { readFileSync } from "node:fs";
import { installMonteCarloWasm } from "../src/lib/model/wasm/kernels";

interface Row {
  name: string;
  /** Wall-clock time per call, ms. */
  mean: number;
  p50: number;
  p95: number;
  /** CPU time of this process per call, ms (what one core spends, whatever else runs). */
  cpu50: number;
  goal?: number;
  /** CPU time as a multiple of the reference workload's, timed alternately in the same process. */
  vsReference?: number;
  /** The goal as a multiple of the reference workload's time (see MC_GOAL_VS_REFERENCE). */
  goalVsReference?: number;
}

/** Warm `op` up, then the batch size (calls) that lasts ≥ 2 ms. */
function warmUp(op: () => unknown, warmupMs = 300): number {
  let batch = 1;
  const t0 = performance.now();
  while (performance.now() - t0 < warmupMs) op();
  for (;;) {
    const s = performance.now();
    for (let i = 0; i < batch; i++) op();
    if (performance.now() - s >= 2 || batch >= 1 << 20) break;
    batch *= 2;
  }
  return batch;
}

/** One sample: wall-clock and CPU ms per call over a batch. */
function sample(op: () => unknown, batch: number): { wall: number; cpu: number } {
  const c = process.cpuUsage();
  const s = performance.now();
  for (let i = 0; i < batch; i++) op();
  const wall = (performance.now() - s) / batch;
  const used = process.cpuUsage(c);
  return { wall, cpu: (used.user + used.system) / 1000 / batch };
}

const at = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const median = (xs: number[]) => at(xs, 0.5);

function row(name: string, wall: number[], cpu: number[], goal?: number, vsReference?: number): Row {
  return { name, mean: wall.reduce((a, b) => a + b, 0) / wall.length, p50: median(wall), p95: at(wall, 0.95), cpu50: median(cpu), goal, vsReference };
}

/** Time `op` (ms per call): batches sized to last ≥ 2 ms, `samples` batches after a warm-up. */
function bench(name: string, op: () => unknown, opts: { samples?: number; goal?: number; warmup?: number } = {}): Row {
  const batch = warmUp(op, opts.warmup);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let k = 0; k < (opts.samples ?? 40); k++) {
    const t = sample(op, batch);
    wall.push(t.wall);
    cpu.push(t.cpu);
  }
  return row(name, wall, cpu, opts.goal);
}

/**
 * Time `op` and the reference workload in alternating rounds (`samples` batches each per
 * round), so that both meet the same machine speed. The op's CPU time is also given as a
 * multiple of the reference's: the median over rounds of (op's median ÷ reference's median in
 * that round). One op per call: alternating two kinds of Monte Carlo run (with and without
 * formulas) would make V8 optimise the kernel for both and time neither as it runs alone.
 */
const REFERENCE_ROUNDS = 9;
function benchAgainstReference(name: string, op: () => unknown, reference: () => unknown, goal?: number, rounds = REFERENCE_ROUNDS, samples = 4): { row: Row; reference: Row } {
  const ops = [op, reference];
  const batches = ops.map((o) => warmUp(o));
  const wall = ops.map(() => [] as number[]);
  const cpu = ops.map(() => [] as number[]);
  const ratios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const roundCpu = ops.map((o, k) => {
      const xs: number[] = [];
      for (let j = 0; j < samples; j++) {
        const t = sample(o, batches[k]!);
        wall[k]!.push(t.wall);
        cpu[k]!.push(t.cpu);
        xs.push(t.cpu);
      }
      return median(xs);
    });
    ratios.push(roundCpu[0]! / roundCpu[1]!);
  }
  return { row: row(name, wall[0]!, cpu[0]!, goal, median(ratios)), reference: row(REFERENCE_NAME, wall[1]!, cpu[1]!, undefined, 1) };
}
const REFERENCE_NAME = "reference workload: a Monte Carlo in plain JS (scripts/bench-reference.ts)";

function must<T>(r: { ok: true } & T | { ok: false; issues?: unknown; error?: unknown }): T {
  if (!r.ok) throw new Error(`benchmark setup failed: ${JSON.stringify(r)}`);
  return r as T;
}

const plain: Scenario = structuredClone(defaultScenario);
const withFormula: Scenario = structuredClone(defaultScenario);
// A formula that reads a shocked input, so it is evaluated on every path and year.
withFormula.inputs.urbanIncomeGrowth.formula = "0.9 * gdpRealGrowth + 0.3 * (t < 2026 ? 1 : 0.5)";
const compiled = compileFormulasSync(withFormula);
if (!compiled.ok) throw new Error(JSON.stringify(compiled.issues));
const formulas = compiled.formulas;
must(project(plain));
must(monteCarlo(withFormula, { formulas }));
const link = encodeScenario(plain);

// Judged on CPU time per call: on a shared machine wall time also counts waiting for a core.
const passes = (r: Row) => r.goal === undefined || r.cpu50 <= r.goal;
const passesVsReference = (r: Row) => r.goalVsReference === undefined || (r.vsReference !== undefined && r.vsReference <= r.goalVsReference);
/**
 * Issue 8's Monte Carlo goal in units that do not drift with this machine's speed. The issue
 * measured 9.0 ms for the code of its day (commit 8fc8b45) and asked for 6 ms: two thirds of
 * it. That code, timed on 2026-12-01 alternately with the reference workload in one process
 * (two runs of 30 rounds), took 0.68× the reference (21.3 and 21.6 ms against 31.4 and 31.6;
 * the same code's own bench then said 21.3 ms, not 9.0: the machine had slowed). Two thirds
 * of 0.68 is 0.45.
 */
const MC_GOAL_VS_REFERENCE = 0.45;
const fmt = (ms: number) => (ms >= 1 ? `${ms.toFixed(2)} ms` : `${(ms * 1000).toFixed(2)} µs`);
// In this order, as before the reference was added (the kernel's optimised code depends on
// what ran before), with the plain Monte Carlo timed before the one with formulas.
const projectRow = bench("project (deterministic, 2020–2035)", () => project(plain), { goal: 0.01, samples: 60 });
// Issue 8: 10,000 paths in ≤ 6 ms of CPU on the project machine (same results), and the same
// goal against the reference workload (MC_GOAL_VS_REFERENCE), as the worker
// runs them: with the WebAssembly kernels (src/lib/model/wasm). First the TypeScript alone
// (the fallback), then with the kernels installed for the rest of the table; --no-wasm leaves
// them out altogether.
const noWasm = process.argv.includes("--no-wasm");
const mcTypeScript = benchAgainstReference(`monteCarlo 10,000 paths${noWasm ? "" : ", TypeScript only (no wasm)"}`, () => monteCarlo(plain, { paths: 10_000 }), referenceWorkload, noWasm ? 6 : undefined);
const wasmRows: Row[] = [];
if (!noWasm) {
  if (!installMonteCarloWasm(new WebAssembly.Module(readFileSync("src/lib/model/wasm/mc.wasm")))) throw new Error("mc.wasm: not usable here");
  must(monteCarlo(plain));
  wasmRows.push({ ...benchAgainstReference("monteCarlo 10,000 paths (with mc.wasm, as in the worker)", () => monteCarlo(plain, { paths: 10_000 }), referenceWorkload, 6).row, goalVsReference: MC_GOAL_VS_REFERENCE });
}
const rows: Row[] = [
  projectRow,
  ...wasmRows,
  mcTypeScript.row,
  mcTypeScript.reference,
  benchAgainstReference("monteCarlo 10,000 paths, formula input", () => monteCarlo(withFormula, { paths: 10_000, formulas }), referenceWorkload, 60).row,
  bench("encode + decode scenario", () => decodeScenario(encodeScenario(plain)), { samples: 40 }),
  bench("decode share link", () => decodeScenario(link), { samples: 40 }),
  bench("compile formulas", () => compileFormulasSync(withFormula), { samples: 40 }),
  bench("goalSeek (closed form)", () => goalSeek(plain, { input: "gdpRealGrowth", from: 2021, to: 2035, metric: "gdpReal", year: 2035, value: 705 }), { samples: 40 }),
  bench("goalSeek (root finder)", () => goalSeek(plain, { input: "gdpRealGrowth", from: 2026, to: 2035, metric: "gdpPerCapita", year: 2035, value: 150_000 }), { samples: 40 }),
  bench("sensitivity (tornado)", () => sensitivity(plain), { samples: 40 }),
  bench("deflator verdict flips (target table)", () => deflatorVerdictFlips(plain), { samples: 20 }),
];

console.log(`Engine benchmarks — Node ${process.version}, ${cpus()[0]?.model ?? "cpu"}, load average ${loadavg()[0]!.toFixed(2)} on ${cpus().length} cores, single thread`);
printTable(
  `Engine (mean/p50/p95: wall clock per call; CPU p50: this process's CPU time per call, which the goals are checked against (the Monte Carlo's also as a multiple of the reference); × reference: CPU time as a multiple of a fixed plain-JS workload timed in alternating rounds, median of ${REFERENCE_ROUNDS} rounds, which stays comparable when the machine's speed drifts)`,
  rows.map((r) => ({
    benchmark: r.name,
    "ops/s": Math.round(1000 / r.mean).toLocaleString("en"),
    mean: fmt(r.mean),
    p50: fmt(r.p50),
    p95: fmt(r.p95),
    "CPU p50": fmt(r.cpu50),
    "× reference": r.vsReference === undefined ? "—" : r.vsReference.toFixed(2),
    goal: r.goal === undefined ? "—" : `≤ ${fmt(r.goal)}${r.goalVsReference === undefined ? "" : `, ≤ ${r.goalVsReference.toFixed(2)}× reference`}`,
    result: r.goal === undefined ? "—" : `${passes(r) ? "pass" : "FAIL"}${r.goalVsReference === undefined ? "" : `, ${passesVsReference(r) ? "pass" : "FAIL"}`}`,
  })),
);
const failed = rows.filter((r) => !passes(r) || !passesVsReference(r));
if (failed.length > 0) {
  console.log(`\n${failed.length} goal(s) missed.`);
  // Reported, not fatal, so that the overall `npm run bench` goes on; CI can pass --strict.
  if (process.argv.includes("--strict")) process.exitCode = 1;
}
