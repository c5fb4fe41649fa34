// The Monte Carlo's hot loops in WebAssembly (mc.wat, assembled into mc.wasm by
// scripts/build-mc-wasm.mjs), installed into the TypeScript model by whoever can load the
// module (the Monte Carlo worker, the benchmarks, the tests): the model itself fetches
// nothing. Without it, or for arrays outside the module's memory, the TypeScript runs: it is
// the definition and the fallback, and gives the same bits (test/unit/montecarlo-wasm.test.ts).
//
// What runs in WebAssembly: the ziggurat (rng.ts zigguratRun and, but for the base strip's
// tail, normalSlow), the kernel's year for the Monte Carlo (kernel.ts plainYear), and the
// percentiles' passes over all values (binning, then copying the wanted bins' values: see
// percentiles.ts). For that the Monte Carlo's workspace lives in the module's memory
// (montecarlo.ts asks for it through monteCarloBuffer); everything else stays in JavaScript.
import { setKernelWasm, type KernelWasm } from "../kernel";
import { setPercentileWasm, type PercentileWasm } from "../percentiles";
import { setZigguratWasm, zigguratTables, type ZigguratWasm } from "../rng";

interface Exports {
  memory: WebAssembly.Memory;
  zig(st: number, tables: number, convex: number, out: number, i: number, end: number, scale: number): number;
  bins(values: number, n: number, lo: number, shift: number, counts: number, binOf: number, blocks: number): void;
  gather(values: number, n: number, binOf: number, cursor: number, out: number, low: number, high: number, inner: number): void;
  year(at: number, k: number, n: number, elastic: number): void;
  events(values: number, waiting: number, left: number, all: number, r: number): number;
}

// Layout of the module's memory, in bytes.
const TABLES = 0; // ziggurat: kn (256 i32) at +0, wn at +1024, fn at +3072, zx at +5120 (256 f64 each)
const STATE = 7168; // generator state: 5 i32
const AT = 7200; // year's addresses: 18 i32
const K = 7296; // year's constants: 7 f64
const INNER = 7360; // percentiles: 8 i32
const BLOCKS = 7424; // percentiles: 64 i32
const COUNTS = 8192; // percentiles: 4,096 i32
const CURSOR = 24576; // percentiles: 4,096 i32, −1 but during a call
const BIN_OF = 40960; // percentiles: one i16 per value, then one f64 per value (gathered), then the Monte Carlo's buffer
const PAGE = 65536;
/** Where the gathered values start, for lists of `values` values. */
const gatherAt = (values: number) => (BIN_OF + 2 * values + 7) & ~7;

let installed: Exports | null = null;
/** Calls into the module since it was installed, by kernel (the tests check it did the work). */
const calls = { zig: 0, bins: 0, gather: 0, year: 0, events: 0 };

/**
 * Instantiate mc.wasm (compiled) and let the model use it. Returns false (and leaves the
 * TypeScript in charge) where the platform lacks what the module needs.
 */
export function installMonteCarloWasm(module: WebAssembly.Module): boolean {
  // The binning reads a double's high word at byte 4: the layout of a little-endian machine,
  // which WebAssembly's memory always is and typed arrays are on every platform that runs this.
  if (new Uint8Array(new Float64Array([1]).buffer)[7] !== 0x3f) return false;
  const e = new WebAssembly.Instance(module, {}).exports as unknown as Exports;
  const { kn, wn, fn, zx, convex } = zigguratTables();
  new Int32Array(e.memory.buffer, TABLES, 256).set(kn);
  new Float64Array(e.memory.buffer, TABLES + 1024, 256).set(wn);
  new Float64Array(e.memory.buffer, TABLES + 3072, 256).set(fn);
  new Float64Array(e.memory.buffer, TABLES + 5120, 256).set(zx);
  installed = e;
  calls.zig = calls.bins = calls.gather = calls.year = calls.events = 0;
  new Int32Array(e.memory.buffer, CURSOR, 4096).fill(-1);
  let capacity = 0;
  // Views of the memory, made again when it grows (growing detaches the old ones): only
  // buffer() grows it (the module has no memory.grow), and makes them again.
  let viewsOf: ArrayBuffer | null = null;
  let i32 = new Int32Array(0);
  let f64 = new Float64Array(0);
  const views = () => {
    if (viewsOf !== e.memory.buffer) {
      viewsOf = e.memory.buffer;
      i32 = new Int32Array(viewsOf);
      f64 = new Float64Array(viewsOf);
      percentiles.counts = new Int32Array(viewsOf, COUNTS, 4096);
      percentiles.blocks = new Int32Array(viewsOf, BLOCKS, 64);
      percentiles.cursor = new Int32Array(viewsOf, CURSOR, 4096);
      percentiles.gathered = new Float64Array(viewsOf, gatherAt(capacity), capacity);
    }
  };
  const ziggurat: ZigguratWasm = {
    memory: e.memory,
    run(st, out, i, end, scale) {
      const s = STATE >> 2;
      i32[s] = st[0]!;
      i32[s + 1] = st[1]!;
      i32[s + 2] = st[2]!;
      i32[s + 3] = st[3]!;
      calls.zig++;
      const reached = e.zig(STATE, TABLES, convex, out.byteOffset, i, end, scale);
      st[0] = i32[s]!;
      st[1] = i32[s + 1]!;
      st[2] = i32[s + 2]!;
      st[3] = i32[s + 3]!;
      st[4] = i32[s + 4]!;
      return reached;
    },
  };
  const percentiles: PercentileWasm = {
    memory: e.memory,
    counts: new Int32Array(0),
    blocks: new Int32Array(0),
    cursor: new Int32Array(0),
    gathered: new Float64Array(0),
    capacity: () => capacity,
    bins(a, from, n, lo, shift) {
      calls.bins++;
      e.bins(a.byteOffset + 8 * from, n, lo, shift, COUNTS, BIN_OF, BLOCKS);
    },
    gather(a, from, n, low, high, inner, innerCount) {
      calls.gather++;
      const at = INNER >> 2;
      for (let j = 0; j < 8; j++) i32[at + j] = j < innerCount ? inner[j]! : -1;
      e.gather(a.byteOffset + 8 * from, n, BIN_OF, CURSOR, gatherAt(capacity), low, high, INNER);
    },
  };
  const kernel: KernelWasm = {
    memory: e.memory,
    year(buffer, at, constants, n, elastic) {
      calls.year++;
      // at: element offsets into buffer (a view of the whole memory), as kernel.ts lays them out.
      for (let j = 0; j < at.length; j++) i32[(AT >> 2) + j] = at[j]! < 0 ? 0 : buffer.byteOffset + 8 * at[j]!;
      f64.set(constants, K >> 3);
      e.year(AT, K, n, elastic ? 1 : 0);
    },
    events(values, row, waiting, left, all, r) {
      calls.events++;
      return e.events(values.byteOffset + 8 * row, waiting.byteOffset, left, all ? 1 : 0, r);
    },
    buffer(doubles, values) {
      const start = gatherAt(values) + 8 * values;
      const bytes = start + 8 * doubles;
      if (e.memory.buffer.byteLength < bytes) e.memory.grow(Math.ceil((bytes - e.memory.buffer.byteLength) / PAGE));
      capacity = values;
      viewsOf = null;
      views();
      return new Float64Array(e.memory.buffer, start, doubles);
    },
  };
  views();
  setZigguratWasm(ziggurat);
  setPercentileWasm(percentiles);
  setKernelWasm(kernel);
  return true;
}

/** Back to the TypeScript alone (for benchmarks and tests that compare the two). */
export function uninstallMonteCarloWasm(): void {
  installed = null;
  setZigguratWasm(null);
  setPercentileWasm(null);
  setKernelWasm(null);
}

export function monteCarloWasmInstalled(): boolean {
  return installed !== null;
}

export function monteCarloWasmCalls(): Readonly<typeof calls> {
  return { ...calls };
}
