// Shared by build-og-wasm.mjs and build-mc-wasm.mjs: assembles a hand-written .wat into the
// committed .wasm beside it (committed so that building and deploying need no assembler), or,
// with --check (run by npm test), fails when the committed .wasm is not current.

import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import initWabt from "wabt";

/** The module's bytes, assembled from the .wat at source with wabt's feature flags. */
export async function assembleWat(source, features) {
  const wabt = await initWabt();
  const module = wabt.parseWat(basename(source), readFileSync(source, "utf8"), features);
  module.validate();
  const { buffer } = module.toBinary({ log: false, write_debug_names: false });
  module.destroy();
  const bytes = Buffer.from(buffer);
  // Assembling it is not enough: the runtime must accept it too.
  new WebAssembly.Module(bytes);
  return bytes;
}

/** Writes target from source, or with --check in argv, checks that it is current. */
export async function buildWasm({ source, target, features, script }) {
  const bytes = await assembleWat(source, features);
  if (process.argv.includes("--check")) {
    let current = null;
    try {
      current = readFileSync(target);
    } catch {}
    if (!current || !current.equals(bytes)) {
      console.error(`${target} is not current: run node ${script}`);
      process.exit(1);
    }
    console.log(`${basename(target)} is current (${bytes.length} bytes)`);
  } else {
    writeFileSync(target, bytes);
    console.log(`wrote ${target} (${bytes.length} bytes)`);
  }
}
