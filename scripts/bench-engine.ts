// Engine benchmarks. Run with `npm run bench:engine` (scripts/bench-engine.mjs bundles this
// file with esbuild and runs it on the project's Node). Prints one table; with --strict, exits
// non-zero when a goal is missed.
import { cpus, loadavg } from "node:os";
import { decodeScenario, defaultScenario, encodeScenario, type Scenario } from "../src/lib/scenario";
import { deflatorVerdictFlips, goalSeek, monteCarlo, project, sensitivity } from "../src/lib/model";
import { compileFormulasSync } from "../src/lib/formula/compile";
import { printTable } from "./lib.mjs";

interface Row {
  name: string;
  /** Wall-clock time per call, ms. */
  mean: number;
  p50: number;
  p95: number;
  /** CPU time of this process per call, ms (what one core spends, whatever else runs). */
  cpu50: number;
  goal?: number;
}

/** Time `op` (ms per call): batches sized to last ≥ 2 ms, `samples` batches after a warm-up. */
function bench(name: string, op: () => unknown, opts: { samples?: number; goal?: number; warmup?: number } = {}): Row {
  const warmupMs = opts.warmup ?? 300;
  let batch = 1;
  const t0 = performance.now();
  while (performance.now() - t0 < warmupMs) op();
  for (;;) {
    const s = performance.now();
    for (let i = 0; i < batch; i++) op();
    if (performance.now() - s >= 2 || batch >= 1 << 20) break;
    batch *= 2;
  }
  const times: number[] = [];
  const cpu: number[] = [];
  for (let k = 0; k < (opts.samples ?? 40); k++) {
    const c = process.cpuUsage();
    const s = performance.now();
    for (let i = 0; i < batch; i++) op();
    times.push((performance.now() - s) / batch);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000 / batch);
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const at = (xs: number[], q: number) => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
  return { name, mean: times.reduce((a, b) => a + b, 0) / times.length, p50: at(times, 0.5), p95: at(times, 0.95), cpu50: at(cpu, 0.5), goal: opts.goal };
}

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
const fmt = (ms: number) => (ms >= 1 ? `${ms.toFixed(2)} ms` : `${(ms * 1000).toFixed(2)} µs`);
const rows: Row[] = [
  bench("project (deterministic, 2020–2035)", () => project(plain), { goal: 0.01, samples: 60 }),
  // Issue 8: 10,000 paths in ≤ 6 ms of CPU on the project machine (same results).
  bench("monteCarlo 10,000 paths", () => monteCarlo(plain, { paths: 10_000 }), { goal: 6, samples: 25 }),
  bench("monteCarlo 10,000 paths, formula input", () => monteCarlo(withFormula, { paths: 10_000, formulas }), { goal: 60, samples: 25 }),
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
  "Engine (mean/p50/p95: wall clock per call; CPU p50: this process's CPU time per call, which the goals are checked against)",
  rows.map((r) => ({
    benchmark: r.name,
    "ops/s": Math.round(1000 / r.mean).toLocaleString("en"),
    mean: fmt(r.mean),
    p50: fmt(r.p50),
    p95: fmt(r.p95),
    "CPU p50": fmt(r.cpu50),
    goal: r.goal === undefined ? "—" : `≤ ${fmt(r.goal)}`,
    result: r.goal === undefined ? "—" : passes(r) ? "pass" : "FAIL",
  })),
);
const failed = rows.filter((r) => !passes(r));
if (failed.length > 0) {
  console.log(`\n${failed.length} goal(s) missed.`);
  // Reported, not fatal, so that the overall `npm run bench` goes on; CI can pass --strict.
  if (process.argv.includes("--strict")) process.exitCode = 1;
}
