// Seeded random numbers that are the same on every machine and in every JavaScript engine.
//
// - Uniforms: xoshiro128** (Blackman & Vigna, 2018), 32-bit state words updated with Math.imul,
//   shifts and xors only, seeded through splitmix32. Integer arithmetic is exact everywhere.
// - Normals: the ziggurat method (Marsaglia & Tsang, 2000, with 256 layers), which needs one
//   32-bit draw for about 99 % of normals, with the polar Box–Muller method (Marsaglia & Bray, 1964)
//   kept as a simpler reference (normalPolar). Both need logarithms (and the ziggurat an
//   exponential, also to build its tables). Math.sqrt is correctly rounded by IEEE 754, but
//   ECMAScript lets Math.log and Math.exp differ in the last bits between engines, so they are
//   computed here with + − × ÷ only (fdlibm's methods). Every step is then an IEEE operation
//   with one correct result, and a seed gives bit-identical draws in V8, SpiderMonkey and
//   JavaScriptCore.

/** splitmix32: spreads a 32-bit seed over the state (and never yields an all-zero state in practice). */
function splitmix32(state: { x: number }): number {
  state.x = (state.x + 0x9e3779b9) | 0;
  let t = state.x ^ (state.x >>> 16);
  t = Math.imul(t, 0x21f0aaad);
  t ^= t >>> 15;
  t = Math.imul(t, 0x735a2d97);
  return (t ^ (t >>> 15)) >>> 0;
}

const LN2_HI = 6.93147180369123816490e-1;
const LN2_LO = 1.90821492927058770002e-10;
const SQRT_HALF = 0.7071067811865476;

/**
 * Natural logarithm of x in (0, 1] from + − × ÷ only: x = m·2^k with m in [√½, √2), then
 * log m = 2·atanh(f), f = (m − 1)/(m + 1), |f| < 0.172, by its series to f²³ (error below 1e-16).
 */
export function portableLog(x: number): number {
  let k = 0;
  let m = x;
  // Scaling by 2 is exact, so this loop is the exponent extraction without bit access.
  while (m < SQRT_HALF) {
    m *= 2;
    k--;
  }
  while (m >= 2 * SQRT_HALF) {
    m /= 2;
    k++;
  }
  const f = (m - 1) / (m + 1);
  const z = f * f;
  const series =
    1 +
    z *
      (1 / 3 +
        z * (1 / 5 + z * (1 / 7 + z * (1 / 9 + z * (1 / 11 + z * (1 / 13 + z * (1 / 15 + z * (1 / 17 + z * (1 / 19 + z * (1 / 21 + z / 23))))))))));
  return k * LN2_HI + (k * LN2_LO + 2 * f * series);
}

/**
 * e^x from + − × ÷ only: x = k·ln2 + r with |r| ≤ ln2/2, e^r by its Taylor series to r¹⁴ in
 * Horner form, 1 + r(1 + r/2(1 + r/3(… (1 + r/14)))) (error below 1e-15), then scaled by 2^k
 * with exact doublings or halvings.
 */
export function portableExp(x: number): number {
  if (x > 709) return Infinity;
  if (x < -745) return 0;
  const k = Math.round(x / 0.6931471805599453);
  const r = x - k * LN2_HI - k * LN2_LO;
  let sum = 1;
  for (let n = 14; n >= 1; n--) sum = 1 + r * sum * RECIPROCALS[n]!;
  let scale = 1;
  if (k > 0) for (let i = 0; i < k; i++) scale *= 2;
  else for (let i = 0; i < -k; i++) scale /= 2;
  return sum * scale;
}
/**
 * The n-th root of x (x > 0, n a whole number ≥ 1) from + − × ÷ only: Newton's method on
 * yⁿ = x from portableExp(portableLog(x)/n). Within an ulp or two of Math.pow(x, 1/n), and the
 * same bits in every engine (Math.pow is not bound to be).
 */
export function portableRoot(x: number, n: number): number {
  let y = portableExp(portableLog(x) / n);
  for (let k = 0; k < 3; k++) {
    let below = 1; // y^(n−1)
    for (let j = 1; j < n; j++) below *= y;
    y -= (below * y - x) / (n * below);
  }
  return y;
}

/** 1/n for n = 0..14 (index 0 unused), as IEEE doubles: the same constants everywhere. */
const RECIPROCALS = Float64Array.from({ length: 15 }, (_, n) => (n === 0 ? 0 : 1 / n));

// Ziggurat tables (Marsaglia & Tsang 2000, RNOR with 256 layers: r and v for 256 from the
// same construction), built with the portable functions so that they are the same everywhere.
// Built when the first generator is made, not on import: the simulator's start-up code imports
// the model, and most visits never draw a normal (the Monte Carlo runs in a worker).
const ZIG_R = 3.6541528853610088;
const ZIG_V = 4.92867323399e-3;
const ZIG_LAYERS = 256;
const ZIG_MASK = ZIG_LAYERS - 1;
const ZIG_M = 2147483648;
const kn = new Int32Array(ZIG_LAYERS);
const wn = new Float64Array(ZIG_LAYERS);
const fn = new Float64Array(ZIG_LAYERS);
// Wedge squeeze (the idea of McFarland 2016). Layer i's wedge spans |x| from x(i−1) to x(i)
// (x(0) = 0; x(i) = wn[i]·2³¹ exactly), where f(x) = exp(−x²/2) falls from fn[i − 1] to fn[i].
// f is concave below 1 and convex above, so in a wedge the chord and the tangents bound it: a
// draw clearly above or below the bounds is decided without the exponential, and only draws
// within WEDGE_MARGIN of a bound take the exact test. The margin is far larger than the
// rounding of the bounds and of portableExp (about 1e-15), so each decision is the one the
// exact test gives: the squeeze changes the speed, never a draw.
const zx = new Float64Array(ZIG_LAYERS);
/** First layer whose wedge lies wholly in the convex part (x ≥ 1); the one before holds x = 1. */
let ZIG_CONVEX = 1;
const WEDGE_MARGIN = 1e-12;
let tablesBuilt = false;

function buildTables(): void {
  let dn = ZIG_R;
  let tn = dn;
  const q = ZIG_V / portableExp(-0.5 * dn * dn);
  kn[0] = Math.floor((dn / q) * ZIG_M);
  kn[1] = 0;
  wn[0] = q / ZIG_M;
  wn[ZIG_MASK] = dn / ZIG_M;
  fn[0] = 1;
  fn[ZIG_MASK] = portableExp(-0.5 * dn * dn);
  for (let i = ZIG_MASK - 1; i >= 1; i--) {
    dn = Math.sqrt(-2 * portableLog(ZIG_V / dn + portableExp(-0.5 * dn * dn)));
    kn[i + 1] = Math.floor((dn / tn) * ZIG_M);
    tn = dn;
    fn[i] = portableExp(-0.5 * dn * dn);
    wn[i] = dn / ZIG_M;
  }
  for (let i = 1; i < ZIG_LAYERS; i++) zx[i] = wn[i]! * ZIG_M;
  while (zx[ZIG_CONVEX - 1]! < 1) ZIG_CONVEX++;
  tablesBuilt = true;
}

/**
 * Whether the point (|x|, y) of layer iz's wedge lies under the curve, i.e. y < exp(−x²/2)
 * exactly as portableExp computes it, with the bounds deciding where they can.
 */
function underCurve(iz: number, x: number, y: number): boolean {
  const ax = x < 0 ? -x : x;
  const a = zx[iz - 1]!;
  const b = zx[iz]!;
  // Only strictly inside the wedge: the chord bounds f on [a, b], not beyond, and the fast
  // test lets |x| fall a hair below a.
  if (ax > a && iz !== ZIG_CONVEX - 1) {
    const fa = fn[iz - 1]!;
    const fb = fn[iz]!;
    const chord = fb + (fa - fb) * ((b - ax) / (b - a));
    const tangentA = fa * (1 - a * (ax - a));
    const tangentB = fb * (1 + b * (b - ax));
    if (iz < ZIG_CONVEX) {
      // Concave: chord below the curve, tangents above.
      if (y < chord - WEDGE_MARGIN) return true;
      if (y > (tangentA < tangentB ? tangentA : tangentB) + WEDGE_MARGIN) return false;
    } else {
      // Convex: chord above the curve, tangents below.
      if (y > chord + WEDGE_MARGIN) return false;
      if (y < (tangentA > tangentB ? tangentA : tangentB) - WEDGE_MARGIN) return true;
    }
  }
  return y < portableExp(-0.5 * x * x);
}

/**
 * Ziggurat draws (times `scale`) into out[i], out[i + 1], … up to `end`, as long as each falls
 * inside its layer's rectangle (about 98.5 % of draws). Stops at the first that does not and
 * returns its index, with that draw's 32 bits in st[4] for the slow path; returns `end` when
 * done. The generator's state is in locals throughout and goes back to st[0..3] on return.
 * A separate function without calls, so that the optimiser keeps this loop in registers
 * (with the slow path inlined into it, the loop ran a third slower).
 */
function zigguratRun(st: Int32Array, out: Float64Array, i: number, end: number, scale: number): number {
  let s0 = st[0]!;
  let s1 = st[1]!;
  let s2 = st[2]!;
  let s3 = st[3]!;
  // The tables in locals, and the mask as a literal (= ZIG_MASK): a module-level constant is
  // read again from its context slot on every iteration.
  const k = kn;
  const w = wn;
  for (; i < end; i++) {
    // xoshiro128**, as in Rng.nextUint32.
    const r = Math.imul(s1, 5);
    const hz = Math.imul((r << 7) | (r >>> 25), 9);
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    const iz = hz & 255;
    // As in Rng.normal: hz ^ (hz >> 31) is |hz| (|hz| − 1 for negative hz) in int32 arithmetic.
    if ((hz ^ (hz >> 31)) >= k[iz]!) {
      st[4] = hz;
      break;
    }
    out[i] = hz * w[iz]! * scale;
  }
  st[0] = s0;
  st[1] = s1;
  st[2] = s2;
  st[3] = s3;
  return i;
}

/** The ziggurat in WebAssembly (wasm/kernels.ts), for arrays in its memory. */
export interface ZigguratWasm {
  memory: WebAssembly.Memory;
  /**
   * zigguratRun with normalSlow's wedges done too (the same draws and the same state
   * afterwards): stops only at a draw in the base strip's tail.
   */
  run(st: Int32Array, out: Float64Array, i: number, end: number, scale: number): number;
}
let zigWasm: ZigguratWasm | null = null;
export function setZigguratWasm(z: ZigguratWasm | null): void {
  zigWasm = z;
}
/** The ziggurat's tables (built if they are not yet), for a copy in WebAssembly's memory. */
export function zigguratTables(): { kn: Int32Array; wn: Float64Array; fn: Float64Array; zx: Float64Array; convex: number } {
  if (!tablesBuilt) buildTables();
  return { kn, wn, fn, zx, convex: ZIG_CONVEX };
}

export class Rng {
  // State in an Int32Array: 32-bit words do not fit V8's small integers, and as object fields
  // every update would allocate a heap number. Word 4 is not state: zigguratRun leaves there
  // the draw it could not finish.
  private readonly s = new Int32Array(5);
  /**
   * Where normalSlow leaves its draw: a double returned from a call that is not inlined is
   * boxed, which came to about 190 KB of heap numbers (and their garbage) a Monte Carlo run.
   */
  private readonly slow = new Float64Array(1);
  private spare = 0;
  private hasSpare = false;

  constructor(seed: number) {
    // Every draw goes through a generator, so the tables are ready before any is needed.
    if (!tablesBuilt) buildTables();
    const st = { x: seed | 0 };
    for (let i = 0; i < 4; i++) this.s[i] = splitmix32(st);
    if ((this.s[0]! | this.s[1]! | this.s[2]! | this.s[3]!) === 0) this.s[0] = 1;
  }

  /** A generator with the given state words (for checking against the reference implementation). */
  static fromState(s0: number, s1: number, s2: number, s3: number): Rng {
    const rng = new Rng(0);
    rng.s.set([s0, s1, s2, s3]);
    return rng;
  }

  /** Next 32-bit unsigned integer (xoshiro128**). */
  nextUint32(): number {
    const s = this.s;
    const s0 = s[0]!;
    const s1 = s[1]!;
    const s2 = s[2]!;
    const s3 = s[3]!;
    const r = Math.imul(s1, 5);
    const result = Math.imul((r << 7) | (r >>> 25), 9) >>> 0;
    const t = s1 << 9;
    const n2 = s2 ^ s0;
    const n3 = s3 ^ s1;
    s[1] = s1 ^ n2;
    s[0] = s0 ^ n3;
    s[2] = n2 ^ t;
    s[3] = (n3 << 11) | (n3 >>> 21);
    return result;
  }

  /** Uniform in the open interval (0, 1). */
  uniform(): number {
    return (this.nextUint32() + 0.5) / 4294967296;
  }

  /**
   * Fill out[from .. from + count − 1] with standard normal draws times `scale`: the same
   * numbers, in the same order, as `count` calls of normal() (each then × scale). The common
   * case runs in zigguratRun's tight loop; it stops at each of the rare draws (about 1.5 %)
   * that need the slow path.
   */
  fillNormals(out: Float64Array, from: number, count: number, scale = 1): void {
    const st = this.s;
    const end = from + count;
    const z = zigWasm !== null && out.buffer === zigWasm.memory.buffer ? zigWasm : null;
    for (let i = from; ; i++) {
      i = z === null ? zigguratRun(st, out, i, end, scale) : z.run(st, out, i, end, scale);
      if (i >= end) return;
      const hz = st[4]!;
      this.normalSlow(hz, hz & ZIG_MASK);
      out[i] = this.slow[0]! * scale;
    }
  }

  /** Standard normal draw (ziggurat). */
  normal(): number {
    const hz = this.nextUint32() | 0;
    const iz = hz & ZIG_MASK;
    // The common case: inside the layer's rectangle. hz ^ (hz >> 31) is |hz| for hz ≥ 0 and
    // |hz| − 1 below: int32 arithmetic throughout (−hz overflows for −2³¹ and slows the
    // loop down by half), at the cost of accepting |hz| = kn for negative hz, a 2⁻³² event.
    if ((hz ^ (hz >> 31)) < kn[iz]!) return hz * wn[iz]!;
    this.normalSlow(hz, iz);
    return this.slow[0]!;
  }

  /**
   * The ziggurat's rare cases: the base strip's tail and the wedges between rectangle and
   * curve. The draw goes to slow[0].
   */
  private normalSlow(hz: number, iz: number): void {
    const result = this.slow;
    for (;;) {
      if (iz === 0) {
        // Tail beyond ZIG_R (Marsaglia 1964).
        let x: number;
        let y: number;
        do {
          x = -portableLog(this.uniform()) / ZIG_R;
          y = -portableLog(this.uniform());
        } while (y + y < x * x);
        result[0] = hz > 0 ? ZIG_R + x : -ZIG_R - x;
        return;
      }
      const x = hz * wn[iz]!;
      if (underCurve(iz, x, fn[iz]! + this.uniform() * (fn[iz - 1]! - fn[iz]!))) {
        result[0] = x;
        return;
      }
      hz = this.nextUint32() | 0;
      iz = hz & ZIG_MASK;
      if ((hz ^ (hz >> 31)) < kn[iz]!) {
        result[0] = hz * wn[iz]!;
        return;
      }
    }
  }

  /** Standard normal draw by the polar Box–Muller method (reference; the second value of each pair is kept). */
  normalPolar(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = (this.nextUint32() + 0.5) / 2147483648 - 1;
      v = (this.nextUint32() + 0.5) / 2147483648 - 1;
      s = u * u + v * v;
    } while (s >= 1);
    const factor = Math.sqrt((-2 * portableLog(s)) / s);
    this.spare = v * factor;
    this.hasSpare = true;
    return u * factor;
  }
}
