// A fixed plain-JavaScript workload shaped like the Monte Carlo, for scripts/bench-engine.ts to
// time in the same process, alternating with the real thing. This VM's speed moves by a third
// from hour to hour (same code, same load); the Monte Carlo's time as a multiple of this one's
// stays put, so it tells whether a change helped even when the absolute figure drifted.
//
// Self-contained on purpose: it shares no code with src/lib/model, so speeding the model up never
// speeds this up. Written plainly, the way one would first write it (not tuned): xoshiro128**
// bits, Marsaglia & Tsang's ziggurat with 128 layers and Math.exp/Math.log, the AR(1) recursion
// in its own pass, compounding of the same levels as the model, histogram per series
// and year for the percentiles (range, counts, the wanted bins' values sorted), and the first-year events counted path by path.
// Do not optimise it: its figures in earlier reports would stop being comparable.

const PATHS = 10_000;
const YEARS = 15;
const SHOCKS = 5;
const SERIES = 6;
const PROBS = [0.05, 0.25, 0.5, 0.75, 0.95];

// Ziggurat tables (RNOR, 128 layers).
const kn = new Uint32Array(128);
const wn = new Float64Array(128);
const fn = new Float64Array(128);
{
  const m1 = 2147483648;
  const vn = 9.91256303526217e-3;
  let dn = 3.442619855899;
  let tn = dn;
  const q = vn / Math.exp(-0.5 * dn * dn);
  kn[0] = Math.floor((dn / q) * m1);
  kn[1] = 0;
  wn[0] = q / m1;
  wn[127] = dn / m1;
  fn[0] = 1;
  fn[127] = Math.exp(-0.5 * dn * dn);
  for (let i = 126; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(vn / dn + Math.exp(-0.5 * dn * dn)));
    kn[i + 1] = Math.floor((dn / tn) * m1);
    tn = dn;
    fn[i] = Math.exp(-0.5 * dn * dn);
    wn[i] = dn / m1;
  }
}

class Bits {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  constructor(seed: number) {
    this.s0 = seed | 1;
    this.s1 = 0x9e3779b9;
    this.s2 = 0x243f6a88;
    this.s3 = 0x85a308d3;
  }
  next(): number {
    const r = Math.imul(this.s1, 5);
    const result = Math.imul((r << 7) | (r >>> 25), 9);
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result;
  }
  uniform(): number {
    return ((this.next() >>> 0) + 0.5) / 4294967296;
  }
  normal(): number {
    for (;;) {
      const hz = this.next();
      const iz = hz & 127;
      if (Math.abs(hz) < kn[iz]!) return hz * wn[iz]!;
      if (iz === 0) {
        let x: number;
        let y: number;
        do {
          x = -Math.log(this.uniform()) / 3.442619855899;
          y = -Math.log(this.uniform());
        } while (y + y < x * x);
        return hz > 0 ? 3.442619855899 + x : -3.442619855899 - x;
      }
      const x = hz * wn[iz]!;
      if (fn[iz]! + this.uniform() * (fn[iz - 1]! - fn[iz]!) < Math.exp(-0.5 * x * x)) return x;
    }
  }
}

const BINS = 1024;
const counts = new Int32Array(BINS);
const wanted = new Uint8Array(BINS);
const picked = new Float64Array(PATHS);

/**
 * Type 7 percentiles (PROBS) of a[0 .. PATHS − 1], summed, without sorting all values: a pass
 * for the range, a pass counting the values into equal bins, a pass copying out the values of
 * the bins that hold the wanted ranks, and a sort of those.
 */
function percentiles(a: Float64Array): number {
  let lo = a[0]!;
  let hi = lo;
  for (let p = 1; p < PATHS; p++) {
    if (a[p]! < lo) lo = a[p]!;
    if (a[p]! > hi) hi = a[p]!;
  }
  if (hi === lo) return lo * PROBS.length;
  const scale = (BINS - 1) / (hi - lo);
  counts.fill(0);
  wanted.fill(0);
  for (let p = 0; p < PATHS; p++) counts[Math.floor((a[p]! - lo) * scale)]!++;
  const ranks: number[] = [];
  for (const q of PROBS) {
    const rank = Math.floor((PATHS - 1) * q);
    ranks.push(rank, Math.min(rank + 1, PATHS - 1));
  }
  for (const rank of ranks) {
    let below = 0;
    let bin = 0;
    while (below + counts[bin]! <= rank) below += counts[bin++]!;
    wanted[bin] = 1;
  }
  let n = 0;
  for (let p = 0; p < PATHS; p++) if (wanted[Math.floor((a[p]! - lo) * scale)] === 1) picked[n++] = a[p]!;
  const sorted = picked.subarray(0, n).sort();
  let sum = 0;
  for (let j = 0; j < PROBS.length; j++) {
    const h = (PATHS - 1) * PROBS[j]!;
    const at = (rank: number) => {
      // Position in `sorted`: values below the rank's bin that were picked come first.
      let below = 0;
      let pickedBelow = 0;
      let bin = 0;
      while (below + counts[bin]! <= rank) {
        below += counts[bin]!;
        if (wanted[bin] === 1) pickedBelow += counts[bin]!;
        bin++;
      }
      return sorted[pickedBelow + rank - below]!;
    };
    const lower = at(ranks[2 * j]!);
    const upper = at(ranks[2 * j + 1]!);
    sum += lower + (h - Math.floor(h)) * (upper - lower);
  }
  return sum;
}

const shocks = Array.from({ length: SHOCKS }, () => new Float64Array(PATHS));
const z = new Float64Array(PATHS);
const levels = Array.from({ length: SERIES + 2 }, () => new Float64Array(PATHS));
const firstYear = Array.from({ length: 4 }, () => new Int32Array(PATHS));

/** One run: 10,000 paths, 15 years, 5 shocked variables, 6 series' percentiles, 4 events. Returns a checksum. */
export function referenceWorkload(seed = 1): number {
  const bits = new Bits(seed);
  const sd = [2, 1.5, 1.5, 1, 2];
  const rho = 0.5;
  const c = Math.sqrt(1 - rho * rho);
  const [real, nominal, population, perCapita, income, incomeReal, deflator, cpi] = levels as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  real.fill(200);
  population.fill(600_000);
  income.fill(40_000);
  deflator.fill(1);
  cpi.fill(1);
  for (const f of firstYear) f.fill(-1);
  for (const e of shocks) e.fill(0);
  let checksum = 0;
  for (let year = 1; year <= YEARS; year++) {
    for (let k = 0; k < SHOCKS; k++) {
      const e = shocks[k]!;
      for (let p = 0; p < PATHS; p++) z[p] = bits.normal();
      for (let p = 0; p < PATHS; p++) e[p] = rho * e[p]! + c * sd[k]! * z[p]!;
    }
    const [eg, ed, ei, ec, ep] = shocks as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
    for (let p = 0; p < PATHS; p++) {
      real[p] = real[p]! * (1 + (7 + eg[p]!) / 100);
      deflator[p] = deflator[p]! * (1 + (2 + ed[p]!) / 100);
      nominal[p] = real[p]! * deflator[p]!;
      population[p] = population[p]! * (1 + (2 + ep[p]!) / 1000) + 3000;
      perCapita[p] = (nominal[p]! * 1e8) / population[p]!;
      income[p] = income[p]! * (1 + (6 + ei[p]!) / 100);
      cpi[p] = cpi[p]! * (1 + (2 + ec[p]!) / 100);
      incomeReal[p] = income[p]! / cpi[p]!;
    }
    for (let k = 0; k < SERIES; k++) {
      checksum += percentiles(levels[k]!);
    }
    const thresholds = [400, 1e6, 100_000, 60_000];
    const series = [real, population, perCapita, income];
    for (let k = 0; k < 4; k++) {
      const values = series[k]!;
      const first = firstYear[k]!;
      for (let p = 0; p < PATHS; p++) if (first[p] === -1 && values[p]! >= thresholds[k]!) first[p] = year;
    }
  }
  for (const f of firstYear) for (let p = 0; p < PATHS; p++) checksum += f[p]!;
  return checksum;
}
