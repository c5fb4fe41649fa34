/// <reference lib="webworker" />
// Monte Carlo off the main thread: 10,000 paths take tens of milliseconds, which would block
// a slider drag. Requests carry a sequence number; the page ignores answers it no longer needs.
// The formula compiler (mathjs) is fetched only when a scenario has formulas.
import { hasFormulas, monteCarlo } from "../lib/model";
import type { FormulaSet } from "../lib/formula/types";
import type { McRequest, McResponse } from "./monte-carlo-protocol";
import { installMonteCarloWasm, monteCarloWasmInstalled } from "../lib/model/wasm/kernels";

// The Monte Carlo's hot loops in WebAssembly (src/lib/model/wasm/kernels.ts): same results,
// quicker. Loaded once (2 KB; the first run waits for it); if that fails, the TypeScript runs.
// The bundler inlines a file this small as a data: URL, decoded here rather than fetched
// (connect-src need not allow data:).
const wasmUrl = new URL("../lib/model/wasm/mc.wasm", import.meta.url);
const wasmReady: Promise<boolean> = (
  wasmUrl.protocol === "data:"
    ? Promise.resolve(Uint8Array.from(atob(wasmUrl.href.slice(wasmUrl.href.indexOf(",") + 1)), (c) => c.charCodeAt(0)))
    : fetch(wasmUrl).then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`mc.wasm: HTTP ${r.status}`))))
)
  .then((bytes) => WebAssembly.compile(bytes))
  .then((module) => installMonteCarloWasm(module))
  .catch(() => false);

let formulas: FormulaSet | undefined;

async function handle(req: McRequest): Promise<McResponse> {
  const started = performance.now();
  await wasmReady;
  if (hasFormulas(req.scenario)) {
    const { compileFormulasSync } = await import("../lib/formula/compile");
    const compiled = compileFormulasSync(req.scenario, formulas);
    formulas = compiled.formulas;
    if (!compiled.ok) return { id: req.id, ok: false, message: compiled.issues.map((i) => i.message).join("; ") };
  }
  const r = monteCarlo(req.scenario, { paths: req.paths, formulas });
  if (!r.ok) return { id: req.id, ok: false, message: r.issues.map((i) => i.message).join("; ") };
  return { id: req.id, ok: true, result: r.result, ms: performance.now() - started, wasm: monteCarloWasmInstalled() };
}

self.onmessage = (e: MessageEvent<McRequest>) => {
  handle(e.data).then(
    (res) => self.postMessage(res),
    (err: unknown) => self.postMessage({ id: e.data.id, ok: false, message: err instanceof Error ? err.message : String(err) } satisfies McResponse),
  );
};
