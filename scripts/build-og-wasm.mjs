#!/usr/bin/env node
// Assembles functions/_lib/og/raster.wat (the preview image's hot loops, hand-written
// WebAssembly) into functions/_lib/og/raster.wasm, which the Function imports as a module
// (functions/_lib/og/wasm.ts explains why). The .wasm is committed so that deploying needs no
// assembler; this script keeps it in step with its source.
//
//   node scripts/build-og-wasm.mjs           rewrite the .wasm
//   node scripts/build-og-wasm.mjs --check   fail if the committed .wasm is not current
//                                            (run by npm test)

import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildWasm } from "./wasm-build.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
await buildWasm({
  source: join(root, "functions/_lib/og/raster.wat"),
  target: join(root, "functions/_lib/og/raster.wasm"),
  features: { bulk_memory: true, sign_extension: true, sat_float_to_int: true },
  script: "scripts/build-og-wasm.mjs",
});
