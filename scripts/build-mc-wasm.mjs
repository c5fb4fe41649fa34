#!/usr/bin/env node
// Assembles src/lib/model/wasm/mc.wat (the Monte Carlo's hot loops, hand-written WebAssembly)
// into src/lib/model/wasm/mc.wasm, which the Monte Carlo worker loads (kernels.ts explains
// how). The .wasm is committed so that building the site needs no assembler; this script
// keeps it in step with its source.
//
//   node scripts/build-mc-wasm.mjs           rewrite the .wasm
//   node scripts/build-mc-wasm.mjs --check   fail if the committed .wasm is not current
//                                            (run by npm test)

import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import initWabt from "wabt";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const source = join(root, "src/lib/model/wasm/mc.wat");
const target = join(root, "src/lib/model/wasm/mc.wasm");

const wabt = await initWabt();
const module = wabt.parseWat("mc.wat", readFileSync(source, "utf8"), { simd: true });
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
    console.error(`${target} is not current: run node scripts/build-mc-wasm.mjs`);
    process.exit(1);
  }
  console.log(`mc.wasm is current (${bytes.length} bytes)`);
} else {
  writeFileSync(target, bytes);
  console.log(`wrote ${target} (${bytes.length} bytes)`);
}
