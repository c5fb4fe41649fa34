#!/usr/bin/env node
// Assembles functions/_lib/og/raster.wat (the preview image's hot loops, hand-written
// WebAssembly) into functions/_lib/og/raster.wasm, which the Function imports as a module
// (functions/_lib/og/wasm.ts explains why). The .wasm is committed so that deploying needs no
// assembler; this script keeps it in step with its source.
//
//   node scripts/build-og-wasm.mjs           rewrite the .wasm
//   node scripts/build-og-wasm.mjs --check   fail if the committed .wasm is not current
//                                            (run by npm test)

import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import initWabt from "wabt";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const source = join(root, "functions/_lib/og/raster.wat");
const target = join(root, "functions/_lib/og/raster.wasm");

const wabt = await initWabt();
const module = wabt.parseWat("raster.wat", readFileSync(source, "utf8"), { bulk_memory: true, sign_extension: true, sat_float_to_int: true });
module.validate();
const { buffer } = module.toBinary({ log: false, write_debug_names: false });
module.destroy();
const bytes = Buffer.from(buffer);
// Assembling it is not enough: the runtime must accept it too.
new WebAssembly.Module(bytes);

if (process.argv.includes("--check")) {
  let current = null;
  try {
    current = readFileSync(target);
  } catch {}
  if (!current || !current.equals(bytes)) {
    console.error(`${target} is not current: run node scripts/build-og-wasm.mjs`);
    process.exit(1);
  }
  console.log(`raster.wasm is current (${bytes.length} bytes)`);
} else {
  writeFileSync(target, bytes);
  console.log(`wrote ${target} (${bytes.length} bytes)`);
}
