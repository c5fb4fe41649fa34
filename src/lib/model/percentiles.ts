// Exact sample percentiles without sorting all values.
//
// Definition (Hyndman & Fan type 7, the default of R and NumPy): for probability q and n values
// sorted x₀ ≤ … ≤ xₙ₋₁, h = (n − 1)·q, and the percentile is x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋₊₁ − x⌊h⌋).
// q = 0 and q = 1 give the smallest and the largest value.
//
// Method: one pass over the values, counting them into 2,048 bins of equal width and threading
// each bin's values on a list (an index per value); then the cumulative counts say which few
// bins hold the wanted ranks and how many values lie below each, and only those bins' lists
// are walked, their values (a dozen or two each) sorted and the ranks read off. The bins'
// range comes from a sample of the values (the first 256, widened by half their spread on each
// side) instead of a pass for the minimum and maximum; values outside it go to the first or
// the last bin. Any range gives the exact answer, because the bin of a value
// never decreases as the value grows: a poor range only makes the bins to sort larger. Monte
// Carlo paths are independent, so their first 256 are a fair sample of the rest.
//
// When the range is positive (every Monte Carlo series), a value's bin comes from the high 32
// bits of its IEEE double, which grow with the value: integer arithmetic, no scaling, and the
// same exactness (bins of equal width within each power of two).
//
// For values in its memory, WebAssembly (wasm/mc.wat) takes the passes over all values, with
// 4,096 bins and without the lists: it keeps each value's bin, sums the counts by runs of 64
// (the scan for the ranks then skips most bins), and a second pass copies the wanted bins'
// values. Any bins give the same answer, so the two ways agree to the bit (but for which zero
// a percentile is when a bin holds both −0 and +0: the sort cannot tell them apart).
//
// The Monte Carlo calls this 90 times a run (6 series × 15 years, 10,000 values each), so the
// loops are written for V8: bounds as literals, no whole-table passes.

const BINS = 2048;
/** WebAssembly's bins (wasm/mc.wat `bins`): twice as many, for smaller bins to sort. */
const WASM_BINS = 4096;
const SAMPLE = 256;
const counts = new Int32Array(BINS);
/**
 * Each bin's values as a list: `head[bin]` is the position (from `from`) of the last value put
 * in the bin, `next[position]` the one put before it. Never reset: a bin's list is walked for
 * exactly its count, so entries left from an earlier call are never reached.
 */
const head = new Int32Array(BINS);
let next = new Int32Array(16384);
/**
 * The passes over all values in WebAssembly (wasm/kernels.ts), for values in its memory: bins
 * from the high words as in the positive-values loop below, but 4,096 of them and no lists
 * (each value's bin is kept, then a second pass copies the wanted bins' values). Any bins give
 * the same answer. Without the lists' dependent stores, and four values at a time, the two
 * passes cost less than the one.
 */
export interface PercentileWasm {
  memory: WebAssembly.Memory;
  /** Views of its memory: the counts (4,096 bins) and their sums by 64; a cursor per bin (−1 between calls); the gathered values. */
  counts: Int32Array;
  blocks: Int32Array;
  cursor: Int32Array;
  gathered: Float64Array;
  /** How many values it has room for. */
  capacity(): number;
  /** Zero the counts, then count a[from .. from + n − 1] into their bins, keeping each value's bin. */
  bins(a: Float64Array, from: number, n: number, loWord: number, shift: number): void;
  /**
   * Copy each value whose bin has a cursor ≥ 0 to `gathered` at that cursor, moving it on.
   * Every bin with a cursor must be ≤ low, ≥ high or one of inner[0 .. innerCount − 1]
   * (at most 8): groups of values in none of them are skipped.
   */
  gather(a: Float64Array, from: number, n: number, low: number, high: number, inner: Int32Array, innerCount: number): void;
}
let binsWasm: PercentileWasm | null = null;
export function setPercentileWasm(w: PercentileWasm | null): void {
  binsWasm = w;
}

/** Start of each wanted bin's values in `gathered`; −1 for the others (and between calls). */
const offsets = new Int32Array(WASM_BINS).fill(-1);
/** For each wanted rank (two per probability): its bin, and the count of values below that bin. */
const rankBin = new Int32Array(64);
const rankBelow = new Int32Array(64);
/** The distinct wanted bins and their counts. */
const binList = new Int32Array(64);
const binSize = new Int32Array(64);
/** Values in the bins below each wanted bin; the wanted bins that are neither the first nor the last with values. */
const binBelow = new Int32Array(64);
const innerBins = new Int32Array(64);
let gathered = new Float64Array(4096);
/** A double and its two 32-bit words; HIGH is the index of the word with sign and exponent. */
const scratch = new Float64Array(1);
const scratchWords = new Int32Array(scratch.buffer);
scratch[0] = 1; // 0x3ff00000 00000000
const HIGH = scratchWords[1] === 0x3ff00000 ? 1 : 0;
/** Int32 views of the arrays passed in (the Monte Carlo passes the same few every run). */
const wordViews = new WeakMap<Float64Array, Int32Array>();
function wordsOf(a: Float64Array): Int32Array {
  let words = wordViews.get(a);
  if (!words) wordViews.set(a, (words = new Int32Array(a.buffer, a.byteOffset, 2 * a.length)));
  return words;
}

/**
 * Percentiles of a[from .. from + n − 1] for the given probabilities (each in [0, 1], at most
 * 32); results to out[0 .. probs.length − 1]. `a` is not modified. The values must not be NaN.
 */
export function percentiles(a: Float64Array, from: number, n: number, probs: readonly number[], out: Float64Array): void {
  const end = from + n;
  // Range of the bins from the sample.
  const sampleEnd = Math.min(end, from + SAMPLE);
  let lo = a[from]!;
  let hi = lo;
  for (let i = from + 1; i < sampleEnd; i++) {
    const x = a[i]!;
    if (x < lo) lo = x;
    else if (x > hi) hi = x;
  }
  if (!(hi > lo)) {
    // The sample is one value: the whole range, or all equal (e.g. no uncertainty yet).
    for (let i = sampleEnd; i < end; i++) {
      const x = a[i]!;
      if (x < lo) lo = x;
      else if (x > hi) hi = x;
    }
    if (!(hi > lo)) {
      for (let j = 0; j < probs.length; j++) out[j] = lo;
      return;
    }
  } else if (sampleEnd < end) {
    const spread = hi - lo;
    lo -= spread * 0.5;
    hi += spread * 0.5;
  }
  if (next.length < n) next = new Int32Array(Math.max(n, next.length * 2));
  // Threading the lists here costs less than the second pass over all values (each bin
  // computed again) that it replaces. (With the lists' stores in between, neither two values
  // per iteration nor a second set of counts for odd positions pays off any more.)
  scratch[0] = lo;
  const loWord = scratchWords[HIGH]!;
  scratch[0] = hi;
  const span = scratchWords[HIGH]! - loWord;
  const positive = lo > 0 && span >= 2048;
  const wasm = positive && binsWasm !== null && a.buffer === binsWasm.memory.buffer && n <= binsWasm.capacity() ? binsWasm : null;
  const c = wasm === null ? counts : wasm.counts;
  if (wasm !== null) {
    let shift = 0;
    while (span >> shift > WASM_BINS - 1) shift++;
    wasm.bins(a, from, n, loWord, shift);
  } else if (positive) {
    // Positive values (all the Monte Carlo's series): bins from the high 32 bits of each
    // double (sign, exponent, 20 bits of mantissa), which grow with the value; integer
    // arithmetic only (the Monte Carlo ran ~4 % quicker than with scaling). Bins of equal width
    // within each power of two are as exact as any others: a value's bin never decreases as
    // the value grows. Values below lo, zero and negative values go to the first bin.
    let shift = 0;
    while (span >> shift > 2047) shift++;
    // The module's own tables: V8 then knows them here, as constants.
    const cc = counts;
    cc.fill(0);
    const hh = head;
    const nn = next;
    const words = wordsOf(a);
    const w0 = 2 * from + HIGH;
    for (let i = 0; i < n; i++) {
      const w = words[w0 + 2 * i]!;
      const d = w < loWord ? 0 : (w - loWord) >> shift;
      const bin = d < 2047 ? d : 2047;
      cc[bin]!++;
      nn[i] = hh[bin]!;
      hh[bin] = i;
    }
  } else {
    // Values beyond [lo, hi) are clamped into the first or the last bin.
    const cc = counts;
    cc.fill(0);
    const hh = head;
    const nn = next;
    const scale = BINS / (hi - lo);
    for (let i = 0; i < n; i++) {
      const t = (a[from + i]! - lo) * scale;
      // Literal bounds (2047 = BINS − 1): V8 would re-read a module constant on every iteration.
      const bin = t < 0 ? 0 : t < 2047 ? t | 0 : 2047;
      cc[bin]!++;
      nn[i] = hh[bin]!;
      hh[bin] = i;
    }
  }

  // Ranks wanted: ⌊h⌋ and ⌊h⌋ + 1 for each probability, found on the cumulative counts. Only
  // the bins the scan passes are read, and only the wanted bins' entries in `offsets` are set
  // (and reset at the end): whole-table passes cost as much as the sorting.
  const wantedRanks = probs.length * 2;
  const o = offsets;
  let wantedBins = 0;
  let size = 0;
  let below = 0;
  let b = 0;
  let inBin = c[0]!;
  let previous = -1;
  // WebAssembly's 4,096 bins come with the sums of each run of 64: the scan skips whole runs.
  const blocks = wasm === null ? null : wasm.blocks;
  for (let j = 0; j < wantedRanks; j++) {
    const r = rankOf(n, probs[j >> 1]!, j & 1);
    if (r < previous) {
      // Probabilities out of order: scan again from the first bin.
      below = 0;
      b = 0;
      inBin = c[0]!;
    }
    previous = r;
    while (below + inBin <= r) {
      below += inBin;
      b++;
      if (blocks !== null && (b & 63) === 0) {
        let run = b >> 6;
        while (below + blocks[run]! <= r) below += blocks[run++]!;
        b = run << 6;
      }
      inBin = c[b]!;
    }
    rankBin[j] = b;
    rankBelow[j] = below;
    if (o[b] === -1) {
      o[b] = size;
      size += inBin;
      binList[wantedBins] = b;
      binBelow[wantedBins] = below;
      binSize[wantedBins++] = inBin;
    }
  }
  let g: Float64Array;
  if (wasm !== null) {
    const cursor = wasm.cursor;
    // The first bin with values is wanted for the smallest value, the last for the largest:
    // the gather takes all bins up to the one and from the other, with a compare each.
    let low = -1;
    let high = WASM_BINS;
    let innerCount = 0;
    for (let k = 0; k < wantedBins; k++) {
      const bin = binList[k]!;
      cursor[bin] = o[bin]!;
      if (binBelow[k] === 0) low = bin;
      else if (binBelow[k]! + binSize[k]! === n) high = bin;
      else innerBins[innerCount++] = bin;
    }
    // More than 8 others: every group of values is looked at.
    if (innerCount > 8) low = WASM_BINS - 1;
    wasm.gather(a, from, n, low, high, innerBins, innerCount);
    for (let k = 0; k < wantedBins; k++) cursor[binList[k]!] = -1;
    g = wasm.gathered;
  } else {
    if (gathered.length < size) gathered = new Float64Array(Math.max(size, gathered.length * 2));
    g = gathered;
    for (let k = 0; k < wantedBins; k++) {
      const bin = binList[k]!;
      let at = o[bin]!;
      let position = head[bin]!;
      for (let m = binSize[k]!; m > 0; m--) {
        g[at++] = a[from + position]!;
        position = next[position]!;
      }
    }
  }
  for (let k = 0; k < wantedBins; k++) sortRange(g, o[binList[k]!]!, binSize[k]!);

  for (let j = 0; j < probs.length; j++) {
    const h = (n - 1) * probs[j]!;
    const k = Math.floor(h);
    const lower = g[o[rankBin[2 * j]!]! + rankOf(n, probs[j]!, 0) - rankBelow[2 * j]!]!;
    const upper = g[o[rankBin[2 * j + 1]!]! + rankOf(n, probs[j]!, 1) - rankBelow[2 * j + 1]!]!;
    out[j] = lower + (h - k) * (upper - lower);
  }
  for (let k = 0; k < wantedBins; k++) o[binList[k]!] = -1;
}

/**
 * Sort g[start .. start + count − 1] ascending. A bin holds a few dozen values, for which an
 * insertion sort is quicker than creating a subarray for the built-in sort (about 1 µs a call);
 * large bins (badly spread values) use the built-in sort.
 */
function sortRange(g: Float64Array, start: number, count: number): void {
  const end = start + count;
  if (count > 64) {
    g.subarray(start, end).sort();
    return;
  }
  for (let i = start + 1; i < end; i++) {
    const x = g[i]!;
    let j = i - 1;
    while (j >= start && g[j]! > x) {
      g[j + 1] = g[j]!;
      j--;
    }
    g[j + 1] = x;
  }
}

/** Rank ⌊(n − 1)·q⌋, or the one above it (capped at n − 1). */
function rankOf(n: number, q: number, above: number): number {
  return Math.min(Math.floor((n - 1) * q) + above, n - 1);
}
