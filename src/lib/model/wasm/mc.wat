;; The Monte Carlo's hot loops as WebAssembly: the same operations, in the same order, as
;; the TypeScript they accelerate, which stays the definition, the reference and the fallback
;; (kernels.ts loads this module; the tests check both give the same bits). The percentiles'
;; passes are the one exception: other bins than the TypeScript's, and the same values. WebAssembly's f64
;; and i32 arithmetic is IEEE 754 and two's complement like JavaScript's, with no fused
;; multiply-add, so each operation has the one result the TypeScript gets.
;;
;; Assembled into mc.wasm by scripts/build-mc-wasm.mjs (npm run build:mc-wasm). Memory is the
;; module's own, laid out by kernels.ts; every function takes byte addresses into it. The
;; year uses 128-bit SIMD (in every current browser); where the module does not compile, the
;; worker runs the TypeScript.
(module
  (memory (export "memory") 1)

  ;; rng.ts fillNormals: xoshiro128** ziggurat draws (times scale) into out[i], out[i + 1], …
  ;; up to end, the wedges decided here too (normalSlow and underCurve, with portableExp).
  ;; Stops at a draw in the base strip's tail (which needs a logarithm: left to the
  ;; TypeScript) and returns its index, that draw's 32 bits in st[4]; returns end when done.
  ;; st: the generator's four state words, then that word. t: the tables, kn (256 i32) at
  ;; t, wn at t + 1024, fn at t + 3072, zx at t + 5120 (256 f64 each); convex: ZIG_CONVEX.
  (func (export "zig") (param $st i32) (param $t i32) (param $convex i32) (param $out i32) (param $i i32) (param $end i32) (param $scale f64) (result i32)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32) (local $hz i32) (local $tt i32) (local $iz i32) (local $x f64)
    (local.set $s0 (i32.load (local.get $st)))
    (local.set $s1 (i32.load offset=4 (local.get $st)))
    (local.set $s2 (i32.load offset=8 (local.get $st)))
    (local.set $s3 (i32.load offset=12 (local.get $st)))
    ;; The common case in a loop of its own, without the call (which would make the loop
    ;; keep its values in memory across it); the slow path between two runs of it.
    (block $done
      (loop $run
        (br_if $done (i32.ge_s (local.get $i) (local.get $end)))
        (block $slowDraw
          (loop $draw
            (local.set $hz (i32.mul (i32.rotl (i32.mul (local.get $s1) (i32.const 5)) (i32.const 7)) (i32.const 9)))
            (local.set $tt (i32.shl (local.get $s1) (i32.const 9)))
            (local.set $s2 (i32.xor (local.get $s2) (local.get $s0)))
            (local.set $s3 (i32.xor (local.get $s3) (local.get $s1)))
            (local.set $s1 (i32.xor (local.get $s1) (local.get $s2)))
            (local.set $s0 (i32.xor (local.get $s0) (local.get $s3)))
            (local.set $s2 (i32.xor (local.get $s2) (local.get $tt)))
            (local.set $s3 (i32.rotl (local.get $s3) (i32.const 11)))
            (local.set $iz (i32.and (local.get $hz) (i32.const 255)))
            (br_if $slowDraw (i32.ge_s
              (i32.xor (local.get $hz) (i32.shr_s (local.get $hz) (i32.const 31)))
              (i32.load (i32.add (local.get $t) (i32.shl (local.get $iz) (i32.const 2))))))
            (f64.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 3)))
              (f64.mul
                (f64.mul (f64.convert_i32_s (local.get $hz)) (f64.load offset=1024 (i32.add (local.get $t) (i32.shl (local.get $iz) (i32.const 3)))))
                (local.get $scale)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br_if $draw (i32.lt_s (local.get $i) (local.get $end))))
          (br $done))
        ;; The slow path, with the state in memory.
        (i32.store (local.get $st) (local.get $s0))
        (i32.store offset=4 (local.get $st) (local.get $s1))
        (i32.store offset=8 (local.get $st) (local.get $s2))
        (i32.store offset=12 (local.get $st) (local.get $s3))
        (local.set $x (call $slow (local.get $st) (local.get $t) (local.get $convex) (local.get $hz)))
        (local.set $s0 (i32.load (local.get $st)))
        (local.set $s1 (i32.load offset=4 (local.get $st)))
        (local.set $s2 (i32.load offset=8 (local.get $st)))
        (local.set $s3 (i32.load offset=12 (local.get $st)))
        ;; NaN: a draw in the tail, for the TypeScript.
        (br_if $done (f64.ne (local.get $x) (local.get $x)))
        (f64.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 3))) (f64.mul (local.get $x) (local.get $scale)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $run)))
    (i32.store (local.get $st) (local.get $s0))
    (i32.store offset=4 (local.get $st) (local.get $s1))
    (i32.store offset=8 (local.get $st) (local.get $s2))
    (i32.store offset=12 (local.get $st) (local.get $s3))
    (local.get $i))

  ;; rng.ts nextUint32 on the state in memory (as a signed i32: | 0).
  (func $next (param $st i32) (result i32)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32) (local $result i32) (local $tt i32)
    (local.set $s0 (i32.load (local.get $st)))
    (local.set $s1 (i32.load offset=4 (local.get $st)))
    (local.set $s2 (i32.load offset=8 (local.get $st)))
    (local.set $s3 (i32.load offset=12 (local.get $st)))
    (local.set $result (i32.mul (i32.rotl (i32.mul (local.get $s1) (i32.const 5)) (i32.const 7)) (i32.const 9)))
    (local.set $tt (i32.shl (local.get $s1) (i32.const 9)))
    (local.set $s2 (i32.xor (local.get $s2) (local.get $s0)))
    (local.set $s3 (i32.xor (local.get $s3) (local.get $s1)))
    (i32.store offset=4 (local.get $st) (i32.xor (local.get $s1) (local.get $s2)))
    (i32.store (local.get $st) (i32.xor (local.get $s0) (local.get $s3)))
    (i32.store offset=8 (local.get $st) (i32.xor (local.get $s2) (local.get $tt)))
    (i32.store offset=12 (local.get $st) (i32.rotl (local.get $s3) (i32.const 11)))
    (local.get $result))

  ;; rng.ts uniform: (nextUint32 + 0.5) / 2³².
  (func $uniform (param $st i32) (result f64)
    (f64.div (f64.add (f64.convert_i32_u (call $next (local.get $st))) (f64.const 0.5)) (f64.const 4294967296)))

  ;; rng.ts normalSlow: the wedges, until a draw is accepted (returned) or one falls in the
  ;; base strip (NaN returned, its bits in st[4]).
  (func $slow (param $st i32) (param $t i32) (param $convex i32) (param $hz i32) (result f64)
    (local $iz i32) (local $x f64) (local $f f64)
    (loop $again
      (local.set $iz (i32.and (local.get $hz) (i32.const 255)))
      (if (i32.eqz (local.get $iz))
        (then
          (i32.store offset=16 (local.get $st) (local.get $hz))
          (return (f64.const nan))))
      (local.set $x (f64.mul (f64.convert_i32_s (local.get $hz)) (f64.load offset=1024 (i32.add (local.get $t) (i32.shl (local.get $iz) (i32.const 3))))))
      (local.set $f (f64.load offset=3072 (i32.add (local.get $t) (i32.shl (local.get $iz) (i32.const 3)))))
      (if (call $under (local.get $t) (local.get $convex) (local.get $iz) (local.get $x)
            (f64.add (local.get $f)
              (f64.mul (call $uniform (local.get $st))
                (f64.sub (f64.load offset=3064 (i32.add (local.get $t) (i32.shl (local.get $iz) (i32.const 3)))) (local.get $f)))))
        (then (return (local.get $x))))
      (local.set $hz (call $next (local.get $st)))
      (local.set $iz (i32.and (local.get $hz) (i32.const 255)))
      (if (i32.lt_s
            (i32.xor (local.get $hz) (i32.shr_s (local.get $hz) (i32.const 31)))
            (i32.load (i32.add (local.get $t) (i32.shl (local.get $iz) (i32.const 2)))))
        (then (return (f64.mul (f64.convert_i32_s (local.get $hz)) (f64.load offset=1024 (i32.add (local.get $t) (i32.shl (local.get $iz) (i32.const 3))))))))
      (br $again))
    (unreachable))

  ;; rng.ts underCurve: y < exp(−x²/2) as portableExp computes it, the chord and tangents
  ;; deciding where they can (WEDGE_MARGIN 1e-12).
  (func $under (param $t i32) (param $convex i32) (param $iz i32) (param $x f64) (param $y f64) (result i32)
    (local $ax f64) (local $a f64) (local $b f64) (local $fa f64) (local $fb f64) (local $chord f64) (local $ta f64) (local $tb f64)
    (local.set $ax (select (f64.neg (local.get $x)) (local.get $x) (f64.lt (local.get $x) (f64.const 0))))
    (local.set $a (f64.load offset=5112 (i32.add (local.get $t) (i32.shl (local.get $iz) (i32.const 3)))))
    (local.set $b (f64.load offset=5120 (i32.add (local.get $t) (i32.shl (local.get $iz) (i32.const 3)))))
    (if (i32.and (f64.gt (local.get $ax) (local.get $a)) (i32.ne (local.get $iz) (i32.sub (local.get $convex) (i32.const 1))))
      (then
        (local.set $fa (f64.load offset=3064 (i32.add (local.get $t) (i32.shl (local.get $iz) (i32.const 3)))))
        (local.set $fb (f64.load offset=3072 (i32.add (local.get $t) (i32.shl (local.get $iz) (i32.const 3)))))
        (local.set $chord (f64.add (local.get $fb)
          (f64.mul (f64.sub (local.get $fa) (local.get $fb))
            (f64.div (f64.sub (local.get $b) (local.get $ax)) (f64.sub (local.get $b) (local.get $a))))))
        (local.set $ta (f64.mul (local.get $fa) (f64.sub (f64.const 1) (f64.mul (local.get $a) (f64.sub (local.get $ax) (local.get $a))))))
        (local.set $tb (f64.mul (local.get $fb) (f64.add (f64.const 1) (f64.mul (local.get $b) (f64.sub (local.get $b) (local.get $ax))))))
        (if (i32.lt_s (local.get $iz) (local.get $convex))
          (then
            ;; Concave: chord below the curve, tangents above.
            (if (f64.lt (local.get $y) (f64.sub (local.get $chord) (f64.const 1e-12))) (then (return (i32.const 1))))
            (if (f64.gt (local.get $y) (f64.add (select (local.get $ta) (local.get $tb) (f64.lt (local.get $ta) (local.get $tb))) (f64.const 1e-12)))
              (then (return (i32.const 0)))))
          (else
            ;; Convex: chord above the curve, tangents below.
            (if (f64.gt (local.get $y) (f64.add (local.get $chord) (f64.const 1e-12))) (then (return (i32.const 0))))
            (if (f64.lt (local.get $y) (f64.sub (select (local.get $ta) (local.get $tb) (f64.gt (local.get $ta) (local.get $tb))) (f64.const 1e-12)))
              (then (return (i32.const 1))))))))
    (f64.lt (local.get $y) (call $exp (f64.mul (f64.mul (f64.const -0.5) (local.get $x)) (local.get $x)))))

  ;; rng.ts portableExp. k = Math.round(x / ln 2): ceil, less one where that is more than
  ;; half above (ties go up, as Math.round's do).
  (func $exp (export "exp") (param $x f64) (result f64)
    (local $q f64) (local $k f64) (local $r f64) (local $sum f64) (local $n i32) (local $scale f64) (local $j f64)
    (if (f64.gt (local.get $x) (f64.const 709)) (then (return (f64.const inf))))
    (if (f64.lt (local.get $x) (f64.const -745)) (then (return (f64.const 0))))
    (local.set $q (f64.div (local.get $x) (f64.const 0.6931471805599453)))
    (local.set $k (f64.ceil (local.get $q)))
    (if (f64.gt (f64.sub (local.get $k) (f64.const 0.5)) (local.get $q)) (then (local.set $k (f64.sub (local.get $k) (f64.const 1)))))
    (local.set $r (f64.sub
      (f64.sub (local.get $x) (f64.mul (local.get $k) (f64.const 6.93147180369123816490e-1)))
      (f64.mul (local.get $k) (f64.const 1.90821492927058770002e-10))))
    (local.set $sum (f64.const 1))
    (local.set $n (i32.const 14))
    (loop $term
      (local.set $sum (f64.add (f64.const 1)
        (f64.mul (f64.mul (local.get $r) (local.get $sum)) (f64.div (f64.const 1) (f64.convert_i32_s (local.get $n))))))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $term (i32.ge_s (local.get $n) (i32.const 1))))
    (local.set $scale (f64.const 1))
    (if (f64.gt (local.get $k) (f64.const 0))
      (then
        (local.set $j (f64.const 0))
        (block $up (loop $double
          (br_if $up (i32.eqz (f64.lt (local.get $j) (local.get $k))))
          (local.set $scale (f64.mul (local.get $scale) (f64.const 2)))
          (local.set $j (f64.add (local.get $j) (f64.const 1)))
          (br $double))))
      (else
        (local.set $j (f64.const 0))
        (block $down (loop $halve
          (br_if $down (i32.eqz (f64.lt (local.get $j) (f64.neg (local.get $k)))))
          (local.set $scale (f64.div (local.get $scale) (f64.const 2)))
          (local.set $j (f64.add (local.get $j) (f64.const 1)))
          (br $halve)))))
    (f64.mul (local.get $sum) (local.get $scale)))

  ;; percentiles.ts, positive values: bins from the high words as in its loop (high word − lo,
  ;; shifted, 0 below lo), but 4,096 of them (at most 4,095), four values at a time; each
  ;; value's bin stored as an i16 at binOf + 2i and counted (counts zeroed here first), then
  ;; the counts of each run of 64 bins summed into `blocks` (64 i32), so that finding the ranks
  ;; skips most bins. Instead of threading each bin on a list, `gather` then copies the values
  ;; of the few wanted bins: without the lists' dependent stores the two passes cost less.
  (func (export "bins") (param $values i32) (param $n i32) (param $lo i32) (param $shift i32) (param $counts i32) (param $binOf i32) (param $blocks i32)
    (local $i i32) (local $n4 i32) (local $at i32) (local $w v128) (local $d v128) (local $lov v128) (local $bin i32) (local $sum v128) (local $end i32) (local $countsv v128)
    (loop $zero
      (v128.store (i32.add (local.get $counts) (local.get $at)) (v128.const i32x4 0 0 0 0))
      (local.set $at (i32.add (local.get $at) (i32.const 16)))
      (br_if $zero (i32.lt_u (local.get $at) (i32.const 16384))))
    (local.set $lov (i32x4.splat (local.get $lo)))
    (local.set $countsv (i32x4.splat (local.get $counts)))
    (local.set $n4 (i32.and (local.get $n) (i32.const -4)))
    (block $simdDone
      (br_if $simdDone (i32.eqz (local.get $n4)))
      (loop $four
        (local.set $at (i32.add (local.get $values) (i32.shl (local.get $i) (i32.const 3))))
        ;; The four values' high words (bytes 4–7 of each double).
        (local.set $w (i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31
          (v128.load (local.get $at)) (v128.load offset=16 (local.get $at))))
        ;; (w − lo) >> shift where w ≥ lo (no overflow: both are positive), else 0.
        (local.set $d (i32x4.min_s
          (v128.andnot
            (i32x4.shr_s (i32x4.sub (local.get $w) (local.get $lov)) (local.get $shift))
            (i32x4.lt_s (local.get $w) (local.get $lov)))
          (v128.const i32x4 4095 4095 4095 4095)))
        (v128.store64_lane 0 (i32.add (local.get $binOf) (i32.shl (local.get $i) (i32.const 1)))
          (i16x8.narrow_i32x4_s (local.get $d) (local.get $d)))
        ;; The four counts' addresses, then each count.
        (local.set $d (i32x4.add (i32x4.shl (local.get $d) (i32.const 2)) (local.get $countsv)))
        (local.set $bin (i32x4.extract_lane 0 (local.get $d)))
        (i32.store (local.get $bin) (i32.add (i32.load (local.get $bin)) (i32.const 1)))
        (local.set $bin (i32x4.extract_lane 1 (local.get $d)))
        (i32.store (local.get $bin) (i32.add (i32.load (local.get $bin)) (i32.const 1)))
        (local.set $bin (i32x4.extract_lane 2 (local.get $d)))
        (i32.store (local.get $bin) (i32.add (i32.load (local.get $bin)) (i32.const 1)))
        (local.set $bin (i32x4.extract_lane 3 (local.get $d)))
        (i32.store (local.get $bin) (i32.add (i32.load (local.get $bin)) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br_if $four (i32.lt_u (local.get $i) (local.get $n4)))))
    ;; The last n mod 4 values, one at a time (as percentiles.ts does them).
    (block $done
      (loop $one
        (br_if $done (i32.ge_s (local.get $i) (local.get $n)))
        (local.set $bin (i32.load offset=4 (i32.add (local.get $values) (i32.shl (local.get $i) (i32.const 3)))))
        (local.set $bin
          (select
            (i32.const 0)
            (i32.shr_s (i32.sub (local.get $bin) (local.get $lo)) (local.get $shift))
            (i32.lt_s (local.get $bin) (local.get $lo))))
        (local.set $bin (select (local.get $bin) (i32.const 4095) (i32.lt_s (local.get $bin) (i32.const 4095))))
        (i32.store16 (i32.add (local.get $binOf) (i32.shl (local.get $i) (i32.const 1))) (local.get $bin))
        (local.set $bin (i32.shl (local.get $bin) (i32.const 2)))
        (i32.store (i32.add (local.get $counts) (local.get $bin)) (i32.add (i32.load (i32.add (local.get $counts) (local.get $bin))) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $one)))
    (local.set $at (i32.const 0))
    (local.set $i (i32.const 0))
    (loop $block
      (local.set $sum (v128.const i32x4 0 0 0 0))
      (local.set $end (i32.add (local.get $at) (i32.const 256)))
      (loop $sixteen
        (local.set $sum (i32x4.add (local.get $sum) (v128.load (i32.add (local.get $counts) (local.get $at)))))
        (local.set $sum (i32x4.add (local.get $sum) (v128.load offset=16 (i32.add (local.get $counts) (local.get $at)))))
        (local.set $sum (i32x4.add (local.get $sum) (v128.load offset=32 (i32.add (local.get $counts) (local.get $at)))))
        (local.set $sum (i32x4.add (local.get $sum) (v128.load offset=48 (i32.add (local.get $counts) (local.get $at)))))
        (local.set $at (i32.add (local.get $at) (i32.const 64)))
        (br_if $sixteen (i32.lt_u (local.get $at) (local.get $end))))
      (i32.store (i32.add (local.get $blocks) (i32.shl (local.get $i) (i32.const 2)))
        (i32.add
          (i32.add (i32x4.extract_lane 0 (local.get $sum)) (i32x4.extract_lane 1 (local.get $sum)))
          (i32.add (i32x4.extract_lane 2 (local.get $sum)) (i32x4.extract_lane 3 (local.get $sum)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $block (i32.lt_u (local.get $i) (i32.const 64)))))

  ;; After bins: the values whose bin has a cursor (cursor[bin] ≥ 0; −1 for the other bins)
  ;; copied to out at their bin's cursor, which moves on by one. Bins are first checked
  ;; eight at a time against the wanted ones: those up to `low` (the smallest wanted bin,
  ;; when no value lies below it; else −1), from `high` on (likewise; else 4,096) and the
  ;; eight i32 at `inner` (the others, padded with −1); most groups of eight hold none and are
  ;; skipped without a look at the cursors.
  (func (export "gather") (param $values i32) (param $n i32) (param $binOf i32) (param $cursor i32) (param $out i32)
    (param $low i32) (param $high i32) (param $inner i32)
    (local $i i32) (local $n8 i32) (local $end i32) (local $bin i32) (local $k i32) (local $b v128)
    (local $lv v128) (local $hv v128) (local $w0 v128) (local $w1 v128) (local $w2 v128) (local $w3 v128)
    (local $w4 v128) (local $w5 v128) (local $w6 v128) (local $w7 v128)
    (local.set $lv (i16x8.splat (local.get $low)))
    (local.set $hv (i16x8.splat (local.get $high)))
    (local.set $w0 (i16x8.splat (i32.load (local.get $inner))))
    (local.set $w1 (i16x8.splat (i32.load offset=4 (local.get $inner))))
    (local.set $w2 (i16x8.splat (i32.load offset=8 (local.get $inner))))
    (local.set $w3 (i16x8.splat (i32.load offset=12 (local.get $inner))))
    (local.set $w4 (i16x8.splat (i32.load offset=16 (local.get $inner))))
    (local.set $w5 (i16x8.splat (i32.load offset=20 (local.get $inner))))
    (local.set $w6 (i16x8.splat (i32.load offset=24 (local.get $inner))))
    (local.set $w7 (i16x8.splat (i32.load offset=28 (local.get $inner))))
    (local.set $n8 (i32.and (local.get $n) (i32.const -8)))
    (block $done
      (loop $eight
        (br_if $done (i32.ge_s (local.get $i) (local.get $n)))
        (local.set $end (i32.add (local.get $i) (i32.const 8)))
        (if (i32.le_s (local.get $end) (local.get $n8))
          (then
            (local.set $b (v128.load (i32.add (local.get $binOf) (i32.shl (local.get $i) (i32.const 1)))))
            (if (i32.eqz (v128.any_true
                  (v128.or
                    (v128.or
                      (v128.or (i16x8.le_s (local.get $b) (local.get $lv)) (i16x8.ge_s (local.get $b) (local.get $hv)))
                      (v128.or
                        (v128.or (i16x8.eq (local.get $b) (local.get $w0)) (i16x8.eq (local.get $b) (local.get $w1)))
                        (v128.or (i16x8.eq (local.get $b) (local.get $w2)) (i16x8.eq (local.get $b) (local.get $w3)))))
                    (v128.or
                      (v128.or (i16x8.eq (local.get $b) (local.get $w4)) (i16x8.eq (local.get $b) (local.get $w5)))
                      (v128.or (i16x8.eq (local.get $b) (local.get $w6)) (i16x8.eq (local.get $b) (local.get $w7)))))))
              (then
                (local.set $i (local.get $end))
                (br $eight))))
          (else (local.set $end (local.get $n))))
        (loop $one
          (local.set $bin (i32.shl (i32.load16_u (i32.add (local.get $binOf) (i32.shl (local.get $i) (i32.const 1)))) (i32.const 2)))
          (local.set $k (i32.load (i32.add (local.get $cursor) (local.get $bin))))
          (if (i32.ge_s (local.get $k) (i32.const 0))
            (then
              (f64.store (i32.add (local.get $out) (i32.shl (local.get $k) (i32.const 3)))
                (f64.load (i32.add (local.get $values) (i32.shl (local.get $i) (i32.const 3)))))
              (i32.store (i32.add (local.get $cursor) (local.get $bin)) (i32.add (local.get $k) (i32.const 1)))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $one (i32.lt_s (local.get $i) (local.get $end))))
        (br $eight))))

  ;; montecarlo.ts eventYear: keep, in order, the paths of the list still below the level r
  ;; (each path written back, and kept if values[p] < r); returns how many. all: the list is
  ;; not filled yet, its paths are 0 … left − 1.
  (func (export "events") (param $values i32) (param $waiting i32) (param $left i32) (param $all i32) (param $r f64) (result i32)
    (local $j i32) (local $p i32) (local $kept i32)
    (block $done
      (br_if $done (i32.le_s (local.get $left) (i32.const 0)))
      (if (local.get $all)
        (then
          (loop $path
            (i32.store (i32.add (local.get $waiting) (i32.shl (local.get $kept) (i32.const 2))) (local.get $j))
            (local.set $kept (i32.add (local.get $kept)
              (f64.lt (f64.load (i32.add (local.get $values) (i32.shl (local.get $j) (i32.const 3)))) (local.get $r))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br_if $path (i32.lt_s (local.get $j) (local.get $left)))))
        (else
          (loop $waitingPath
            (local.set $p (i32.load (i32.add (local.get $waiting) (i32.shl (local.get $j) (i32.const 2)))))
            (i32.store (i32.add (local.get $waiting) (i32.shl (local.get $kept) (i32.const 2))) (local.get $p))
            (local.set $kept (i32.add (local.get $kept)
              (f64.lt (f64.load (i32.add (local.get $values) (i32.shl (local.get $p) (i32.const 3)))) (local.get $r))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br_if $waitingPath (i32.lt_s (local.get $j) (local.get $left)))))))
    (local.get $kept))

  ;; kernel.ts plainYear: one year of n paths. at: 18 i32 byte addresses: the shock rows of
  ;; G, D, C, income growth and population growth (0: none), this year's seven outputs
  ;; (PATH_OUTPUTS order), last year's real GDP, population, per-capita GDP and income, the
  ;; deflator and CPI indices. k: seven f64, g0 d0 c0 popBase m0 ig0 el0.
  (func (export "year") (param $at i32) (param $k i32) (param $n i32) (param $elastic i32)
    (local $q i32) (local $end i32)
    (local $sG i32) (local $sD i32) (local $sC i32) (local $sI i32) (local $sP i32)
    (local $oReal i32) (local $oNominal i32) (local $oPop i32) (local $oPc i32) (local $oPcReal i32) (local $oInc i32) (local $oIncReal i32)
    (local $pReal i32) (local $pPop i32) (local $pPc i32) (local $pInc i32) (local $deflator i32) (local $cpi i32)
    (local $g0 f64) (local $d0 f64) (local $c0 f64) (local $popBase f64) (local $m0 f64) (local $ig0 f64) (local $el0 f64)
    (local $g f64) (local $d f64) (local $c f64) (local $r f64) (local $defl f64) (local $nominal f64) (local $pg f64) (local $pop f64)
    (local $perPerson f64) (local $pc f64) (local $own f64) (local $ig f64) (local $inc f64) (local $cpiI f64)
    (local $pairs i32)
    (local $vg0 v128) (local $vd0 v128) (local $vc0 v128) (local $vpopBase v128) (local $vm0 v128) (local $vig0 v128) (local $vel0 v128)
    (local $one v128) (local $floor v128) (local $cent v128)
    (local $vg v128) (local $vd v128) (local $vc v128) (local $vr v128) (local $vdefl v128) (local $vnominal v128) (local $vpg v128) (local $vpop v128)
    (local $vper v128) (local $vpc v128) (local $vown v128) (local $vig v128) (local $vinc v128) (local $vcpi v128)
    (local.set $sG (i32.load offset=0 (local.get $at)))
    (local.set $sD (i32.load offset=4 (local.get $at)))
    (local.set $sC (i32.load offset=8 (local.get $at)))
    (local.set $sI (i32.load offset=12 (local.get $at)))
    (local.set $sP (i32.load offset=16 (local.get $at)))
    (local.set $oReal (i32.load offset=20 (local.get $at)))
    (local.set $oNominal (i32.load offset=24 (local.get $at)))
    (local.set $oPop (i32.load offset=28 (local.get $at)))
    (local.set $oPc (i32.load offset=32 (local.get $at)))
    (local.set $oPcReal (i32.load offset=36 (local.get $at)))
    (local.set $oInc (i32.load offset=40 (local.get $at)))
    (local.set $oIncReal (i32.load offset=44 (local.get $at)))
    (local.set $pReal (i32.load offset=48 (local.get $at)))
    (local.set $pPop (i32.load offset=52 (local.get $at)))
    (local.set $pPc (i32.load offset=56 (local.get $at)))
    (local.set $pInc (i32.load offset=60 (local.get $at)))
    (local.set $deflator (i32.load offset=64 (local.get $at)))
    (local.set $cpi (i32.load offset=68 (local.get $at)))
    (local.set $g0 (f64.load offset=0 (local.get $k)))
    (local.set $d0 (f64.load offset=8 (local.get $k)))
    (local.set $c0 (f64.load offset=16 (local.get $k)))
    (local.set $popBase (f64.load offset=24 (local.get $k)))
    (local.set $m0 (f64.load offset=32 (local.get $k)))
    (local.set $ig0 (f64.load offset=40 (local.get $k)))
    (local.set $el0 (f64.load offset=48 (local.get $k)))
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    ;; Two paths at a time (f64x2: the same IEEE operations lane by lane), then the last one
    ;; if n is odd. pmax(floor, x) is floor < x ? x : floor, which is x > floor ? x : floor.
    (local.set $pairs (i32.shl (i32.shr_u (local.get $n) (i32.const 1)) (i32.const 4)))
    (local.set $vg0 (f64x2.splat (local.get $g0)))
    (local.set $vd0 (f64x2.splat (local.get $d0)))
    (local.set $vc0 (f64x2.splat (local.get $c0)))
    (local.set $vpopBase (f64x2.splat (local.get $popBase)))
    (local.set $vm0 (f64x2.splat (local.get $m0)))
    (local.set $vig0 (f64x2.splat (local.get $ig0)))
    (local.set $vel0 (f64x2.splat (local.get $el0)))
    (local.set $one (f64x2.splat (f64.const 1)))
    (local.set $floor (f64x2.splat (f64.const -90)))
    (local.set $cent (f64x2.splat (f64.const 0.01)))
    (block $pairsDone
      (br_if $pairsDone (i32.eqz (local.get $pairs)))
      (loop $pair
        (local.set $vg (local.get $vg0))
        (if (local.get $sG) (then (local.set $vg (f64x2.add (local.get $vg0) (v128.load (i32.add (local.get $sG) (local.get $q)))))))
        (local.set $vd (local.get $vd0))
        (if (local.get $sD) (then (local.set $vd (f64x2.add (local.get $vd0) (v128.load (i32.add (local.get $sD) (local.get $q)))))))
        (local.set $vc (local.get $vc0))
        (if (local.get $sC) (then (local.set $vc (f64x2.add (local.get $vc0) (v128.load (i32.add (local.get $sC) (local.get $q)))))))
        (local.set $vr (f64x2.mul (v128.load (i32.add (local.get $pReal) (local.get $q)))
          (f64x2.add (local.get $one) (f64x2.mul (f64x2.pmax (local.get $floor) (local.get $vg)) (local.get $cent)))))
        (local.set $vdefl (f64x2.mul (v128.load (i32.add (local.get $deflator) (local.get $q)))
          (f64x2.add (local.get $one) (f64x2.mul (f64x2.pmax (local.get $floor) (local.get $vd)) (local.get $cent)))))
        (local.set $vnominal (f64x2.mul (local.get $vr) (local.get $vdefl)))
        (local.set $vpg (local.get $vpopBase))
        (if (local.get $sP) (then (local.set $vpg (f64x2.add (local.get $vpopBase) (v128.load (i32.add (local.get $sP) (local.get $q)))))))
        (local.set $vpop (f64x2.add
          (f64x2.mul (v128.load (i32.add (local.get $pPop) (local.get $q)))
            (f64x2.add (local.get $one) (f64x2.mul (f64x2.pmax (f64x2.splat (f64.const -900)) (local.get $vpg)) (f64x2.splat (f64.const 0.001)))))
          (local.get $vm0)))
        ;; pop >= 1000 ? pop : 1000 (equal at 1000 either way).
        (local.set $vpop (f64x2.pmax (f64x2.splat (f64.const 1000)) (local.get $vpop)))
        (local.set $vper (f64x2.div (f64x2.splat (f64.const 1e8)) (local.get $vpop)))
        (local.set $vpc (f64x2.mul (local.get $vnominal) (local.get $vper)))
        (local.set $vown (local.get $vig0))
        (if (local.get $elastic)
          (then (local.set $vown
            (f64x2.mul
              (f64x2.mul (local.get $vel0) (f64x2.sub (f64x2.div (local.get $vpc) (v128.load (i32.add (local.get $pPc) (local.get $q)))) (local.get $one)))
              (f64x2.splat (f64.const 100))))))
        (local.set $vig (local.get $vown))
        (if (local.get $sI) (then (local.set $vig (f64x2.add (local.get $vown) (v128.load (i32.add (local.get $sI) (local.get $q)))))))
        (local.set $vinc (f64x2.mul (v128.load (i32.add (local.get $pInc) (local.get $q)))
          (f64x2.add (local.get $one) (f64x2.mul (f64x2.pmax (local.get $floor) (local.get $vig)) (local.get $cent)))))
        (local.set $vcpi (f64x2.mul (v128.load (i32.add (local.get $cpi) (local.get $q)))
          (f64x2.add (local.get $one) (f64x2.mul (f64x2.pmax (local.get $floor) (local.get $vc)) (local.get $cent)))))
        (v128.store (i32.add (local.get $deflator) (local.get $q)) (local.get $vdefl))
        (v128.store (i32.add (local.get $cpi) (local.get $q)) (local.get $vcpi))
        (v128.store (i32.add (local.get $oReal) (local.get $q)) (local.get $vr))
        (v128.store (i32.add (local.get $oNominal) (local.get $q)) (local.get $vnominal))
        (v128.store (i32.add (local.get $oPop) (local.get $q)) (local.get $vpop))
        (v128.store (i32.add (local.get $oPc) (local.get $q)) (local.get $vpc))
        (v128.store (i32.add (local.get $oPcReal) (local.get $q)) (f64x2.mul (local.get $vr) (local.get $vper)))
        (v128.store (i32.add (local.get $oInc) (local.get $q)) (local.get $vinc))
        (v128.store (i32.add (local.get $oIncReal) (local.get $q)) (f64x2.div (local.get $vinc) (local.get $vcpi)))
        (local.set $q (i32.add (local.get $q) (i32.const 16)))
        (br_if $pair (i32.lt_u (local.get $q) (local.get $pairs)))))
    (block $done
      (br_if $done (i32.ge_u (local.get $q) (local.get $end)))
      (loop $path
        ;; Shocked inputs: x0 + shock, or x0 itself where there is no shock (not x0 + 0).
        (local.set $g (local.get $g0))
        (if (local.get $sG) (then (local.set $g (f64.add (local.get $g0) (f64.load (i32.add (local.get $sG) (local.get $q)))))))
        (local.set $d (local.get $d0))
        (if (local.get $sD) (then (local.set $d (f64.add (local.get $d0) (f64.load (i32.add (local.get $sD) (local.get $q)))))))
        (local.set $c (local.get $c0))
        (if (local.get $sC) (then (local.set $c (f64.add (local.get $c0) (f64.load (i32.add (local.get $sC) (local.get $q)))))))
        ;; Rates floored at −90 % (−900 ‰): x > floor ? x : floor.
        (local.set $r (f64.mul (f64.load (i32.add (local.get $pReal) (local.get $q)))
          (f64.add (f64.const 1) (f64.mul (select (local.get $g) (f64.const -90) (f64.gt (local.get $g) (f64.const -90))) (f64.const 0.01)))))
        (local.set $defl (f64.mul (f64.load (i32.add (local.get $deflator) (local.get $q)))
          (f64.add (f64.const 1) (f64.mul (select (local.get $d) (f64.const -90) (f64.gt (local.get $d) (f64.const -90))) (f64.const 0.01)))))
        (local.set $nominal (f64.mul (local.get $r) (local.get $defl)))
        (local.set $pg (local.get $popBase))
        (if (local.get $sP) (then (local.set $pg (f64.add (local.get $popBase) (f64.load (i32.add (local.get $sP) (local.get $q)))))))
        (local.set $pop (f64.add
          (f64.mul (f64.load (i32.add (local.get $pPop) (local.get $q)))
            (f64.add (f64.const 1) (f64.mul (select (local.get $pg) (f64.const -900) (f64.gt (local.get $pg) (f64.const -900))) (f64.const 0.001))))
          (local.get $m0)))
        ;; if (!(pop >= 1000)) pop = 1000
        (local.set $pop (select (local.get $pop) (f64.const 1000) (f64.ge (local.get $pop) (f64.const 1000))))
        (local.set $perPerson (f64.div (f64.const 1e8) (local.get $pop)))
        (local.set $pc (f64.mul (local.get $nominal) (local.get $perPerson)))
        (local.set $own (local.get $ig0))
        (if (local.get $elastic)
          (then (local.set $own
            (f64.mul
              (f64.mul (local.get $el0) (f64.sub (f64.div (local.get $pc) (f64.load (i32.add (local.get $pPc) (local.get $q)))) (f64.const 1)))
              (f64.const 100)))))
        (local.set $ig (local.get $own))
        (if (local.get $sI) (then (local.set $ig (f64.add (local.get $own) (f64.load (i32.add (local.get $sI) (local.get $q)))))))
        (local.set $inc (f64.mul (f64.load (i32.add (local.get $pInc) (local.get $q)))
          (f64.add (f64.const 1) (f64.mul (select (local.get $ig) (f64.const -90) (f64.gt (local.get $ig) (f64.const -90))) (f64.const 0.01)))))
        (local.set $cpiI (f64.mul (f64.load (i32.add (local.get $cpi) (local.get $q)))
          (f64.add (f64.const 1) (f64.mul (select (local.get $c) (f64.const -90) (f64.gt (local.get $c) (f64.const -90))) (f64.const 0.01)))))
        (f64.store (i32.add (local.get $deflator) (local.get $q)) (local.get $defl))
        (f64.store (i32.add (local.get $cpi) (local.get $q)) (local.get $cpiI))
        (f64.store (i32.add (local.get $oReal) (local.get $q)) (local.get $r))
        (f64.store (i32.add (local.get $oNominal) (local.get $q)) (local.get $nominal))
        (f64.store (i32.add (local.get $oPop) (local.get $q)) (local.get $pop))
        (f64.store (i32.add (local.get $oPc) (local.get $q)) (local.get $pc))
        (f64.store (i32.add (local.get $oPcReal) (local.get $q)) (f64.mul (local.get $r) (local.get $perPerson)))
        (f64.store (i32.add (local.get $oInc) (local.get $q)) (local.get $inc))
        (f64.store (i32.add (local.get $oIncReal) (local.get $q)) (f64.div (local.get $inc) (local.get $cpiI)))
        (local.set $q (i32.add (local.get $q) (i32.const 8)))
        (br_if $path (i32.lt_u (local.get $q) (local.get $end))))))
)
