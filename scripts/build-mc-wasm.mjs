#!/usr/bin/env node
// Assembles src/lib/model/wasm/mc.wat (the Monte Carlo's hot loops, hand-written WebAssembly)
// into src/lib/model/wasm/mc.wasm, which the Monte Carlo worker loads (kernels.ts explains
// how). The .wasm is committed so that building the site needs no assembler; this script
// keeps it in step with its source.
//
//   node scripts/build-mc-wasm.mjs           rewrite the .wasm
//   node scripts/build-mc-wasm.mjs --check   fail if the committed .wasm is not current
//                                            (run by npm test)

import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildWasm } from "./wasm-build.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
await buildWasm({
  source: join(root, "src/lib/model/wasm/mc.wat"),
  target: join(root, "src/lib/model/wasm/mc.wasm"),
  features: { simd: true },
  script: "scripts/build-mc-wasm.mjs",
});
