// Messages between the simulator page and the Monte Carlo worker.
import type { Scenario } from "../lib/scenario";
import type { MonteCarloResult } from "../lib/model";

export interface McRequest {
  id: number;
  scenario: Scenario;
  /** Fewer paths for a quick preview while a slider moves; the scenario's own count otherwise. */
  paths?: number;
}

export type McResponse = { id: number; ok: true; result: MonteCarloResult; ms: number; /** Whether the WebAssembly kernels ran it. */ wasm: boolean } | { id: number; ok: false; message: string };
