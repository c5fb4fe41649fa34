;; The preview image's hot loops in WebAssembly (assembled by scripts/build-og-wasm.mjs into
;; raster.wasm, loaded by wasm.ts). Why: a Worker runs a fresh isolate's first request in V8's
;; interpreter, where these loops cost 40-odd ms of CPU; the runtime compiles a wasm module when
;; the script loads, so they run at machine speed from the first call. Each function is a line
;; for line port of its JavaScript twin in raster.ts (same double arithmetic in the same order,
;; the same float32 stores, V8's own Math.hypot), so both draw the same pixels: the unit tests
;; compare them.
;;
;; Memory (fixed: never grows, so the views wasm.ts keeps stay valid). The offsets are exported
;; as immutable globals of the same names, and wasm.ts reads its views and capacities from them,
;; so this file is the layout's one home:
;;   CANVAS      1024     palette indices of the 1200 × 630 image being drawn; encoding turns
;;                        them, in place, into the PNG's scanlines from 0 (a filter byte per row)
;;   MIX         786432   the current ink's mix table (i16 per under × 17 + step; -1 unknown)
;;   ROWLO       802816   i32 per mask row: first column with coverage
;;   ROWHI       819200   i32 per mask row: column after the last
;;   GLYPH       835584   one glyph record (font.ts format), up to 64 KiB
;;   EDGES       901120   f64 × 4 per edge or stroke segment (x0, y0, x1, y1), up to 32768
;;   ACC         1966080  f32 coverage accumulation buffer, up to 1048576 cells
;;   LIT_CODE    6160384  deflate's code tables (LIT_CODE … LEN_EXTRA: png.ts's, copied in by
;;                        wasm.ts), the CRC-32 table (CRC), a full palette (PALETTE) (raster.ts, for nearest)
;;   CHUNK       7077888  the IDAT chunk: length, type, zlib stream, CRC, up to 1310720 bytes
(module
  (import "og" "mixed" (func $mixed (param i32 i32) (result i32)))
  (memory (export "memory") 128 128)

  (global $EDGES (export "EDGES") i32 (i32.const 901120))
  (global $EDGE_CAP (export "EDGE_CAP") i32 (i32.const 32768))
  (global $GLYPH (export "GLYPH") i32 (i32.const 835584))
  (global $MIX (export "MIX") i32 (i32.const 786432))
  (global $ROWLO (export "ROWLO") i32 (i32.const 802816))
  (global $ROWHI (export "ROWHI") i32 (i32.const 819200))
  (global $ACC (export "ACC") i32 (i32.const 1966080))

  ;; The path being built from a glyph (raster.ts Path): bounding box of its points, pen,
  ;; start of the open contour, number of edges (more than EDGE_CAP: the caller falls back).
  (global $minX (export "minX") (mut f64) (f64.const 0))
  (global $minY (export "minY") (mut f64) (f64.const 0))
  (global $maxX (export "maxX") (mut f64) (f64.const 0))
  (global $maxY (export "maxY") (mut f64) (f64.const 0))
  (global $count (mut i32) (i32.const 0))
  (global $px (mut f64) (f64.const 0))
  (global $py (mut f64) (f64.const 0))
  (global $sx (mut f64) (f64.const 0))
  (global $sy (mut f64) (f64.const 0))
  (global $open (mut i32) (i32.const 0))

  ;; Path.edge: keeps non-level edges, grows the box by the end point.
  (func $edge (param $x0 f64) (param $y0 f64) (param $x1 f64) (param $y1 f64)
    (local $at i32)
    (if (f64.ne (local.get $y0) (local.get $y1))
      (then
        (if (i32.lt_u (global.get $count) (global.get $EDGE_CAP))
          (then
            (local.set $at (i32.add (global.get $EDGES) (i32.shl (global.get $count) (i32.const 5))))
            (f64.store (local.get $at) (local.get $x0))
            (f64.store offset=8 (local.get $at) (local.get $y0))
            (f64.store offset=16 (local.get $at) (local.get $x1))
            (f64.store offset=24 (local.get $at) (local.get $y1))))
        (global.set $count (i32.add (global.get $count) (i32.const 1)))))
    (if (f64.lt (local.get $x1) (global.get $minX)) (then (global.set $minX (local.get $x1))))
    (if (f64.gt (local.get $x1) (global.get $maxX)) (then (global.set $maxX (local.get $x1))))
    (if (f64.lt (local.get $y1) (global.get $minY)) (then (global.set $minY (local.get $y1))))
    (if (f64.gt (local.get $y1) (global.get $maxY)) (then (global.set $maxY (local.get $y1)))))

  (func $lineTo (param $x f64) (param $y f64)
    (call $edge (global.get $px) (global.get $py) (local.get $x) (local.get $y))
    (global.set $px (local.get $x))
    (global.set $py (local.get $y)))

  (func $close
    (if (i32.and (global.get $open)
          (i32.or (f64.ne (global.get $px) (global.get $sx)) (f64.ne (global.get $py) (global.get $sy))))
      (then (call $lineTo (global.get $sx) (global.get $sy))))
    (global.set $px (global.get $sx))
    (global.set $py (global.get $sy))
    (global.set $open (i32.const 0)))

  (func $moveTo (param $x f64) (param $y f64)
    (call $close)
    (global.set $sx (local.get $x))
    (global.set $px (local.get $x))
    (global.set $sy (local.get $y))
    (global.set $py (local.get $y))
    (global.set $open (i32.const 1))
    (call $edge (local.get $x) (local.get $y) (local.get $x) (local.get $y)))

  ;; Math.hypot of two numbers as V8 computes it (normalised by the larger, Kahan sum), so the
  ;; number of flattening steps matches the JavaScript path to the last bit.
  (func $hypot (param $a f64) (param $b f64) (result f64)
    (local $max f64) (local $n f64) (local $sum f64) (local $comp f64) (local $summand f64) (local $pre f64)
    (local.set $a (f64.abs (local.get $a)))
    (local.set $b (f64.abs (local.get $b)))
    (local.set $max (local.get $a))
    (if (f64.gt (local.get $b) (local.get $max)) (then (local.set $max (local.get $b))))
    (if (f64.eq (local.get $max) (f64.const 0)) (then (return (f64.const 0))))
    (local.set $n (f64.div (local.get $a) (local.get $max)))
    (local.set $summand (f64.sub (f64.mul (local.get $n) (local.get $n)) (local.get $comp)))
    (local.set $pre (f64.add (local.get $sum) (local.get $summand)))
    (local.set $comp (f64.sub (f64.sub (local.get $pre) (local.get $sum)) (local.get $summand)))
    (local.set $sum (local.get $pre))
    (local.set $n (f64.div (local.get $b) (local.get $max)))
    (local.set $summand (f64.sub (f64.mul (local.get $n) (local.get $n)) (local.get $comp)))
    (local.set $pre (f64.add (local.get $sum) (local.get $summand)))
    (local.set $sum (local.get $pre))
    (f64.mul (f64.sqrt (local.get $sum)) (local.get $max)))

  (func $quadTo (param $cx f64) (param $cy f64) (param $x f64) (param $y f64)
    (local $x0 f64) (local $y0 f64) (local $n i32) (local $i i32) (local $t f64) (local $u f64) (local $k f64)
    (local.set $x0 (global.get $px))
    (local.set $y0 (global.get $py))
    (local.set $k (f64.ceil (f64.sqrt (f64.div
      (call $hypot
        (f64.add (f64.sub (local.get $x0) (f64.mul (f64.const 2) (local.get $cx))) (local.get $x))
        (f64.add (f64.sub (local.get $y0) (f64.mul (f64.const 2) (local.get $cy))) (local.get $y)))
      (f64.mul (f64.const 4) (f64.const 0.12))))))
    (local.set $n (i32.trunc_f64_s (f64.min (f64.const 64) (f64.max (f64.const 1) (local.get $k)))))
    (local.set $i (i32.const 1))
    (block $done (loop $next
      (br_if $done (i32.gt_s (local.get $i) (local.get $n)))
      (local.set $t (f64.div (f64.convert_i32_s (local.get $i)) (f64.convert_i32_s (local.get $n))))
      (local.set $u (f64.sub (f64.const 1) (local.get $t)))
      (call $lineTo
        (f64.add (f64.add
          (f64.mul (f64.mul (local.get $u) (local.get $u)) (local.get $x0))
          (f64.mul (f64.mul (f64.mul (f64.const 2) (local.get $u)) (local.get $t)) (local.get $cx)))
          (f64.mul (f64.mul (local.get $t) (local.get $t)) (local.get $x)))
        (f64.add (f64.add
          (f64.mul (f64.mul (local.get $u) (local.get $u)) (local.get $y0))
          (f64.mul (f64.mul (f64.mul (f64.const 2) (local.get $u)) (local.get $t)) (local.get $cy)))
          (f64.mul (f64.mul (local.get $t) (local.get $t)) (local.get $y))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next))))

  (func $cubicTo (param $c1x f64) (param $c1y f64) (param $c2x f64) (param $c2y f64) (param $x f64) (param $y f64)
    (local $x0 f64) (local $y0 f64) (local $n i32) (local $i i32) (local $t f64) (local $u f64) (local $k f64)
    (local $a f64) (local $b f64) (local $c f64) (local $d f64)
    (local.set $x0 (global.get $px))
    (local.set $y0 (global.get $py))
    (local.set $k (f64.ceil (f64.sqrt (f64.div
      (f64.mul (f64.const 0.75)
        (f64.max
          (call $hypot
            (f64.add (f64.sub (local.get $x0) (f64.mul (f64.const 2) (local.get $c1x))) (local.get $c2x))
            (f64.add (f64.sub (local.get $y0) (f64.mul (f64.const 2) (local.get $c1y))) (local.get $c2y)))
          (call $hypot
            (f64.add (f64.sub (local.get $c1x) (f64.mul (f64.const 2) (local.get $c2x))) (local.get $x))
            (f64.add (f64.sub (local.get $c1y) (f64.mul (f64.const 2) (local.get $c2y))) (local.get $y)))))
      (f64.const 0.12)))))
    (local.set $n (i32.trunc_f64_s (f64.min (f64.const 96) (f64.max (f64.const 1) (local.get $k)))))
    (local.set $i (i32.const 1))
    (block $done (loop $next
      (br_if $done (i32.gt_s (local.get $i) (local.get $n)))
      (local.set $t (f64.div (f64.convert_i32_s (local.get $i)) (f64.convert_i32_s (local.get $n))))
      (local.set $u (f64.sub (f64.const 1) (local.get $t)))
      (local.set $a (f64.mul (f64.mul (local.get $u) (local.get $u)) (local.get $u)))
      (local.set $b (f64.mul (f64.mul (f64.mul (f64.const 3) (local.get $u)) (local.get $u)) (local.get $t)))
      (local.set $c (f64.mul (f64.mul (f64.mul (f64.const 3) (local.get $u)) (local.get $t)) (local.get $t)))
      (local.set $d (f64.mul (f64.mul (local.get $t) (local.get $t)) (local.get $t)))
      (call $lineTo
        (f64.add (f64.add (f64.add
          (f64.mul (local.get $a) (local.get $x0))
          (f64.mul (local.get $b) (local.get $c1x)))
          (f64.mul (local.get $c) (local.get $c2x)))
          (f64.mul (local.get $d) (local.get $x)))
        (f64.add (f64.add (f64.add
          (f64.mul (local.get $a) (local.get $y0))
          (f64.mul (local.get $b) (local.get $c1y)))
          (f64.mul (local.get $c) (local.get $c2y)))
          (f64.mul (local.get $d) (local.get $y))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next))))

  ;; Reading the glyph record at GLYPH (font.ts readVarint / readGlyph).
  (global $at (mut i32) (i32.const 0))
  (global $end (mut i32) (i32.const 0))
  (func $varint (result i32)
    (local $result i32) (local $shift i32) (local $b i32)
    (loop $more
      (if (i32.ge_u (global.get $at) (global.get $end)) (then (unreachable)))
      (local.set $b (i32.load8_u (global.get $at)))
      (global.set $at (i32.add (global.get $at) (i32.const 1)))
      (local.set $result (i32.or (local.get $result)
        (i32.shl (i32.and (local.get $b) (i32.const 0x7f)) (local.get $shift))))
      (local.set $shift (i32.add (local.get $shift) (i32.const 7)))
      (br_if $more (i32.ge_u (local.get $b) (i32.const 0x80))))
    (local.get $result))
  (func $unzigzag (param $n i32) (result i32)
    (i32.xor (i32.shr_u (local.get $n) (i32.const 1)) (i32.sub (i32.const 0) (i32.and (local.get $n) (i32.const 1)))))

  ;; font.ts textPath for one character whose record (length bytes) is at GLYPH, at scale s with
  ;; the pen at (penX, y), as raster.ts Path builds it; then Path.close. Returns the number of
  ;; edges written to EDGES (more than EDGE_CAP: too many, nothing usable); the box in minX….
  (func (export "glyphPath") (param $length i32) (param $s f64) (param $penX f64) (param $y f64) (result i32)
    (local $ops i32) (local $i i32) (local $head i32) (local $kind i32) (local $x i32) (local $yy i32)
    (local $p0x f64) (local $p0y f64) (local $p1x f64) (local $p1y f64) (local $p2x f64) (local $p2y f64)
    (global.set $count (i32.const 0))
    (global.set $minX (f64.const inf))
    (global.set $minY (f64.const inf))
    (global.set $maxX (f64.const -inf))
    (global.set $maxY (f64.const -inf))
    (global.set $px (f64.const 0))
    (global.set $py (f64.const 0))
    (global.set $sx (f64.const 0))
    (global.set $sy (f64.const 0))
    (global.set $open (i32.const 0))
    (global.set $at (global.get $GLYPH))
    (global.set $end (i32.add (global.get $GLYPH) (local.get $length)))
    (drop (call $varint)) ;; advance
    (local.set $ops (call $varint))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $ops)))
      (local.set $head (call $varint))
      (local.set $kind (i32.and (local.get $head) (i32.const 3)))
      ;; first point: x from the head, y from the next varint
      (local.set $x (i32.add (local.get $x) (call $unzigzag (i32.shr_u (local.get $head) (i32.const 2)))))
      (local.set $yy (i32.add (local.get $yy) (call $unzigzag (call $varint))))
      (local.set $p0x (f64.add (local.get $penX) (f64.mul (f64.convert_i32_s (local.get $x)) (local.get $s))))
      (local.set $p0y (f64.sub (local.get $y) (f64.mul (f64.convert_i32_s (local.get $yy)) (local.get $s))))
      (if (i32.ge_u (local.get $kind) (i32.const 2))
        (then
          (local.set $x (i32.add (local.get $x) (call $unzigzag (call $varint))))
          (local.set $yy (i32.add (local.get $yy) (call $unzigzag (call $varint))))
          (local.set $p1x (f64.add (local.get $penX) (f64.mul (f64.convert_i32_s (local.get $x)) (local.get $s))))
          (local.set $p1y (f64.sub (local.get $y) (f64.mul (f64.convert_i32_s (local.get $yy)) (local.get $s))))))
      (if (i32.eq (local.get $kind) (i32.const 3))
        (then
          (local.set $x (i32.add (local.get $x) (call $unzigzag (call $varint))))
          (local.set $yy (i32.add (local.get $yy) (call $unzigzag (call $varint))))
          (local.set $p2x (f64.add (local.get $penX) (f64.mul (f64.convert_i32_s (local.get $x)) (local.get $s))))
          (local.set $p2y (f64.sub (local.get $y) (f64.mul (f64.convert_i32_s (local.get $yy)) (local.get $s))))))
      (if (i32.eqz (local.get $kind))
        (then (call $moveTo (local.get $p0x) (local.get $p0y)))
        (else (if (i32.eq (local.get $kind) (i32.const 1))
          (then (call $lineTo (local.get $p0x) (local.get $p0y)))
          (else (if (i32.eq (local.get $kind) (i32.const 2))
            (then (call $quadTo (local.get $p0x) (local.get $p0y) (local.get $p1x) (local.get $p1y)))
            (else (call $cubicTo (local.get $p0x) (local.get $p0y) (local.get $p1x) (local.get $p1y) (local.get $p2x) (local.get $p2y))))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (call $close)
    (global.get $count))

  ;; Canvas.mask: clears w × h cells of ACC and the rows' column spans.
  (func $clear (param $w i32) (param $h i32)
    (local $y i32)
    (memory.fill (global.get $ACC) (i32.const 0) (i32.shl (i32.mul (local.get $w) (local.get $h)) (i32.const 2)))
    (block $done (loop $next
      (br_if $done (i32.ge_s (local.get $y) (local.get $h)))
      (i32.store (i32.add (global.get $ROWLO) (i32.shl (local.get $y) (i32.const 2))) (local.get $w))
      (i32.store (i32.add (global.get $ROWHI) (i32.shl (local.get $y) (i32.const 2))) (i32.const 0))
      (local.set $y (i32.add (local.get $y) (i32.const 1)))
      (br $next))))
  (export "clear" (func $clear))

  ;; The rows [winLo, winHi) of the mask being drawn now, at ACC's rows 0…: a large shape is
  ;; drawn a band of rows at a time, so that a fresh isolate's first image touches (and pays
  ;; for) few new memory pages.
  (global $winLo (mut i32) (i32.const 0))
  (global $winHi (mut i32) (i32.const 0))

  ;; acc[i] += v, as a Float32Array element is added to in JavaScript.
  (func $add (param $i i32) (param $v f64)
    (local $a i32)
    (local.set $a (i32.add (global.get $ACC) (i32.shl (local.get $i) (i32.const 2))))
    (f32.store (local.get $a) (f32.demote_f64 (f64.add (f64.promote_f32 (f32.load (local.get $a))) (local.get $v)))))

  ;; raster.ts accumulateEdge, for one edge in the mask's coordinates.
  (func $accumulateEdge (param $w i32) (param $h i32) (param $ax f64) (param $ay f64) (param $bx f64) (param $by f64)
    (local $dir f64) (local $tmp f64) (local $dxdy f64) (local $x f64) (local $yEnd i32) (local $y i32) (local $row i32)
    (local $dy f64) (local $xNext f64) (local $d f64) (local $x0 f64) (local $x1 f64) (local $x0Floor i32) (local $x1Ceil i32)
    (local $reach i32) (local $xmf f64) (local $s f64) (local $x0f f64) (local $a0 f64) (local $x1f f64) (local $am f64)
    (local $a1 f64) (local $a2 f64) (local $xi i32) (local $la i32)
    (if (f64.eq (local.get $ay) (local.get $by)) (then (return)))
    (local.set $dir (f64.const 1))
    (if (f64.gt (local.get $ay) (local.get $by))
      (then
        (local.set $dir (f64.const -1))
        (local.set $tmp (local.get $ax)) (local.set $ax (local.get $bx)) (local.set $bx (local.get $tmp))
        (local.set $tmp (local.get $ay)) (local.set $ay (local.get $by)) (local.set $by (local.get $tmp))))
    (local.set $dxdy (f64.div (f64.sub (local.get $bx) (local.get $ax)) (f64.sub (local.get $by) (local.get $ay))))
    ;; A slope that overflows (ends differing in subnormal bits): the edge covers nothing.
    (if (f64.eq (f64.abs (local.get $dxdy)) (f64.const inf)) (then (return)))
    (local.set $x (local.get $ax))
    (local.set $yEnd (i32.trunc_f64_s (f64.min (f64.convert_i32_s (local.get $h)) (f64.ceil (local.get $by)))))
    (if (i32.gt_s (local.get $yEnd) (global.get $winHi)) (then (local.set $yEnd (global.get $winHi))))
    (local.set $y (i32.trunc_f64_s (f64.max (f64.const 0) (f64.floor (local.get $ay)))))
    ;; Rows above the window are walked (x moves row by row, as in JavaScript), not written.
    (block $done (loop $next
      (br_if $done (i32.ge_s (local.get $y) (local.get $yEnd)))
      (local.set $row (i32.mul (i32.sub (local.get $y) (global.get $winLo)) (local.get $w)))
      (local.set $dy (f64.sub
        (f64.min (f64.convert_i32_s (i32.add (local.get $y) (i32.const 1))) (local.get $by))
        (f64.max (f64.convert_i32_s (local.get $y)) (local.get $ay))))
      (local.set $xNext (f64.add (local.get $x) (f64.mul (local.get $dxdy) (local.get $dy))))
      (local.set $d (f64.mul (local.get $dy) (local.get $dir)))
      (if (i32.ge_s (local.get $y) (global.get $winLo)) (then
      (if (f64.lt (local.get $x) (local.get $xNext))
        (then (local.set $x0 (local.get $x)) (local.set $x1 (local.get $xNext)))
        (else (local.set $x0 (local.get $xNext)) (local.set $x1 (local.get $x))))
      (local.set $x0Floor (i32.trunc_f64_s (f64.floor (local.get $x0))))
      (local.set $x1Ceil (i32.trunc_f64_s (f64.ceil (local.get $x1))))
      (local.set $la (i32.add (global.get $ROWLO) (i32.shl (i32.sub (local.get $y) (global.get $winLo)) (i32.const 2))))
      (if (i32.lt_s (local.get $x0Floor) (i32.load (local.get $la))) (then (i32.store (local.get $la) (local.get $x0Floor))))
      (local.set $reach (select
        (i32.add (local.get $x1Ceil) (i32.const 1))
        (i32.add (local.get $x0Floor) (i32.const 2))
        (i32.gt_s (local.get $x1Ceil) (i32.add (local.get $x0Floor) (i32.const 1)))))
      (local.set $la (i32.add (global.get $ROWHI) (i32.shl (i32.sub (local.get $y) (global.get $winLo)) (i32.const 2))))
      (if (i32.gt_s (local.get $reach) (i32.load (local.get $la))) (then (i32.store (local.get $la) (local.get $reach))))
      (if (i32.le_s (local.get $x1Ceil) (i32.add (local.get $x0Floor) (i32.const 1)))
        (then
          (local.set $xmf (f64.sub (f64.mul (f64.const 0.5) (f64.add (local.get $x) (local.get $xNext))) (f64.convert_i32_s (local.get $x0Floor))))
          (call $add (i32.add (local.get $row) (local.get $x0Floor)) (f64.sub (local.get $d) (f64.mul (local.get $d) (local.get $xmf))))
          (call $add (i32.add (i32.add (local.get $row) (local.get $x0Floor)) (i32.const 1)) (f64.mul (local.get $d) (local.get $xmf))))
        (else
          (local.set $s (f64.div (f64.const 1) (f64.sub (local.get $x1) (local.get $x0))))
          (local.set $x0f (f64.sub (local.get $x0) (f64.convert_i32_s (local.get $x0Floor))))
          (local.set $a0 (f64.mul (f64.mul (f64.mul (f64.const 0.5) (local.get $s)) (f64.sub (f64.const 1) (local.get $x0f))) (f64.sub (f64.const 1) (local.get $x0f))))
          (local.set $x1f (f64.add (f64.sub (local.get $x1) (f64.convert_i32_s (local.get $x1Ceil))) (f64.const 1)))
          (local.set $am (f64.mul (f64.mul (f64.mul (f64.const 0.5) (local.get $s)) (local.get $x1f)) (local.get $x1f)))
          (call $add (i32.add (local.get $row) (local.get $x0Floor)) (f64.mul (local.get $d) (local.get $a0)))
          (if (i32.eq (local.get $x1Ceil) (i32.add (local.get $x0Floor) (i32.const 2)))
            (then
              (call $add (i32.add (i32.add (local.get $row) (local.get $x0Floor)) (i32.const 1))
                (f64.mul (local.get $d) (f64.sub (f64.sub (f64.const 1) (local.get $a0)) (local.get $am)))))
            (else
              (local.set $a1 (f64.mul (local.get $s) (f64.sub (f64.const 1.5) (local.get $x0f))))
              (call $add (i32.add (i32.add (local.get $row) (local.get $x0Floor)) (i32.const 1))
                (f64.mul (local.get $d) (f64.sub (local.get $a1) (local.get $a0))))
              (local.set $xi (i32.add (local.get $x0Floor) (i32.const 2)))
              (block $spanDone (loop $span
                (br_if $spanDone (i32.ge_s (local.get $xi) (i32.sub (local.get $x1Ceil) (i32.const 1))))
                (call $add (i32.add (local.get $row) (local.get $xi)) (f64.mul (local.get $d) (local.get $s)))
                (local.set $xi (i32.add (local.get $xi) (i32.const 1)))
                (br $span)))
              (local.set $a2 (f64.add (local.get $a1)
                (f64.mul (f64.convert_i32_s (i32.sub (i32.sub (local.get $x1Ceil) (local.get $x0Floor)) (i32.const 3))) (local.get $s))))
              (call $add (i32.sub (i32.add (local.get $row) (local.get $x1Ceil)) (i32.const 1))
                (f64.mul (local.get $d) (f64.sub (f64.sub (f64.const 1) (local.get $a2)) (local.get $am))))))
          (call $add (i32.add (local.get $row) (local.get $x1Ceil)) (f64.mul (local.get $d) (local.get $am)))))))
      (local.set $x (local.get $xNext))
      (local.set $y (i32.add (local.get $y) (i32.const 1)))
      (br $next))))

  ;; Canvas.mask then coverage(): clears the rows [y0, y1) of a w × h mask (at ACC's rows 0…)
  ;; and accumulates into them the n edges at EDGES, moved by (-ox, -oy) into the mask's
  ;; coordinates.
  (func (export "accumulate") (param $n i32) (param $ox f64) (param $oy f64) (param $w i32) (param $h i32) (param $y0 i32) (param $y1 i32)
    (local $i i32) (local $at i32)
    (global.set $winLo (local.get $y0))
    (global.set $winHi (local.get $y1))
    (call $clear (local.get $w) (i32.sub (local.get $y1) (local.get $y0)))
    (block $done (loop $next
      (br_if $done (i32.ge_s (local.get $i) (local.get $n)))
      (local.set $at (i32.add (global.get $EDGES) (i32.shl (local.get $i) (i32.const 5))))
      (call $accumulateEdge (local.get $w) (local.get $h)
        (f64.sub (f64.load (local.get $at)) (local.get $ox))
        (f64.sub (f64.load offset=8 (local.get $at)) (local.get $oy))
        (f64.sub (f64.load offset=16 (local.get $at)) (local.get $ox))
        (f64.sub (f64.load offset=24 (local.get $at)) (local.get $oy)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next))))

  ;; The palette index of the current ink at coverage step over palette colour under.
  (func $mix (param $under i32) (param $step i32) (result i32)
    (local $a i32) (local $known i32)
    (local.set $a (i32.add (global.get $MIX) (i32.shl (i32.add (i32.mul (local.get $under) (i32.const 17)) (local.get $step)) (i32.const 1))))
    (local.set $known (i32.load16_s (local.get $a)))
    (if (i32.ge_s (local.get $known) (i32.const 0)) (then (return (local.get $known))))
    (local.set $known (call $mixed (local.get $under) (local.get $step)))
    (i32.store16 (local.get $a) (local.get $known))
    (local.get $known))

  (func $step (param $sum f64) (param $scale f64) (result i32)
    (i32.trunc_f64_s (f64.add (f64.mul (f64.min (f64.abs (local.get $sum)) (f64.const 1)) (local.get $scale)) (f64.const 0.5))))

  ;; raster.ts Canvas.composite: blends the mask in ACC (w × h, rows' spans in ROWLO/ROWHI), its
  ;; (0, 0) at canvas pixel (ox, oy), with the ink whose table is at MIX.
  (func (export "composite") (param $ox i32) (param $oy i32) (param $w i32) (param $h i32) (param $width i32) (param $height i32)
    (param $solid i32) (param $scale f64) (param $accumulate i32)
    (local $yFrom i32) (local $yTo i32) (local $xFrom i32) (local $xTo i32) (local $y i32) (local $row i32) (local $out i32)
    (local $lo i32) (local $start i32) (local $end i32) (local $sum f64) (local $step i32) (local $x i32) (local $v f32)
    (local $e i32) (local $k i32) (local $under i32) (local $lastUnder i32) (local $lastOut i32)
    (local.set $yFrom (select (i32.sub (i32.const 0) (local.get $oy)) (i32.const 0) (i32.gt_s (i32.sub (i32.const 0) (local.get $oy)) (i32.const 0))))
    (local.set $yTo (select (local.get $h) (i32.sub (local.get $height) (local.get $oy)) (i32.lt_s (local.get $h) (i32.sub (local.get $height) (local.get $oy)))))
    (local.set $xFrom (select (i32.sub (i32.const 0) (local.get $ox)) (i32.const 0) (i32.gt_s (i32.sub (i32.const 0) (local.get $ox)) (i32.const 0))))
    (local.set $xTo (select (local.get $w) (i32.sub (local.get $width) (local.get $ox)) (i32.lt_s (local.get $w) (i32.sub (local.get $width) (local.get $ox)))))
    (local.set $y (local.get $yFrom))
    (block $rowsDone (loop $rows
      (br_if $rowsDone (i32.ge_s (local.get $y) (local.get $yTo)))
      (local.set $row (i32.mul (local.get $y) (local.get $w)))
      (local.set $out (i32.add (global.get $CANVAS) (i32.add (i32.mul (i32.add (local.get $oy) (local.get $y)) (local.get $width)) (local.get $ox))))
      (local.set $lo (i32.load (i32.add (global.get $ROWLO) (i32.shl (local.get $y) (i32.const 2)))))
      (local.set $start (select (local.get $lo) (local.get $xFrom) (i32.gt_s (local.get $lo) (local.get $xFrom))))
      (local.set $end (i32.load (i32.add (global.get $ROWHI) (i32.shl (local.get $y) (i32.const 2)))))
      (if (i32.gt_s (local.get $end) (local.get $xTo)) (then (local.set $end (local.get $xTo))))
      (if (i32.lt_s (local.get $start) (local.get $end))
        (then
          (if (local.get $accumulate)
            (then
              (local.set $sum (f64.const 0))
              (local.set $x (local.get $lo))
              (block $preDone (loop $pre
                (br_if $preDone (i32.ge_s (local.get $x) (local.get $start)))
                (local.set $sum (f64.add (local.get $sum) (f64.promote_f32 (f32.load (i32.add (global.get $ACC) (i32.shl (i32.add (local.get $row) (local.get $x)) (i32.const 2)))))))
                (local.set $x (i32.add (local.get $x) (i32.const 1)))
                (br $pre)))
              (local.set $step (call $step (local.get $sum) (local.get $scale)))
              (local.set $x (local.get $start))
              (block $colsDone (loop $cols
                (br_if $colsDone (i32.ge_s (local.get $x) (local.get $end)))
                (local.set $v (f32.load (i32.add (global.get $ACC) (i32.shl (i32.add (local.get $row) (local.get $x)) (i32.const 2)))))
                (if (f32.ne (local.get $v) (f32.const 0))
                  (then
                    (local.set $sum (f64.add (local.get $sum) (f64.promote_f32 (local.get $v))))
                    (local.set $step (call $step (local.get $sum) (local.get $scale)))))
                (if (local.get $step)
                  (then
                    (local.set $e (i32.add (local.get $x) (i32.const 1)))
                    (block $runDone (loop $run
                      (br_if $runDone (i32.ge_s (local.get $e) (local.get $end)))
                      (br_if $runDone (f32.ne (f32.load (i32.add (global.get $ACC) (i32.shl (i32.add (local.get $row) (local.get $e)) (i32.const 2)))) (f32.const 0)))
                      (local.set $e (i32.add (local.get $e) (i32.const 1)))
                      (br $run)))
                    (if (i32.ge_s (local.get $step) (i32.const 16))
                      (then (memory.fill (i32.add (local.get $out) (local.get $x)) (local.get $solid) (i32.sub (local.get $e) (local.get $x))))
                      (else
                        (local.set $lastUnder (i32.const -1))
                        (local.set $k (i32.add (local.get $out) (local.get $x)))
                        (block $paintDone (loop $paint
                          (br_if $paintDone (i32.ge_s (local.get $k) (i32.add (local.get $out) (local.get $e))))
                          (local.set $under (i32.load8_u (local.get $k)))
                          (if (i32.ne (local.get $under) (local.get $lastUnder))
                            (then
                              (local.set $lastUnder (local.get $under))
                              (local.set $lastOut (call $mix (local.get $under) (local.get $step)))))
                          (i32.store8 (local.get $k) (local.get $lastOut))
                          (local.set $k (i32.add (local.get $k) (i32.const 1)))
                          (br $paint)))))
                    (local.set $x (i32.sub (local.get $e) (i32.const 1)))))
                (local.set $x (i32.add (local.get $x) (i32.const 1)))
                (br $cols))))
            (else
              (local.set $x (local.get $start))
              (block $colsDone2 (loop $cols2
                (br_if $colsDone2 (i32.ge_s (local.get $x) (local.get $end)))
                (local.set $step (i32.trunc_f64_s (f64.add (f64.mul
                  (f64.promote_f32 (f32.load (i32.add (global.get $ACC) (i32.shl (i32.add (local.get $row) (local.get $x)) (i32.const 2)))))
                  (local.get $scale)) (f64.const 0.5))))
                (if (local.get $step)
                  (then
                    (local.set $k (i32.add (local.get $out) (local.get $x)))
                    (if (i32.ge_s (local.get $step) (i32.const 16))
                      (then (i32.store8 (local.get $k) (local.get $solid)))
                      (else (i32.store8 (local.get $k) (call $mix (i32.load8_u (local.get $k)) (local.get $step)))))))
                (local.set $x (i32.add (local.get $x) (i32.const 1)))
                (br $cols2)))))))
      (local.set $y (i32.add (local.get $y) (i32.const 1)))
      (br $rows))))

  ;; raster.ts Canvas.drawMask: paints count runs (row, column, length, step; bytes, or i32 when
  ;; wide) at GLYPH, moved by (left, top), with the ink whose table is at MIX.
  (func (export "drawRuns") (param $count i32) (param $wide i32) (param $left i32) (param $top i32) (param $width i32) (param $height i32) (param $solid i32)
    (local $k i32) (local $at i32) (local $cy i32) (local $x0 i32) (local $x1 i32) (local $step i32) (local $out i32) (local $x i32)
    (block $done (loop $next
      (br_if $done (i32.ge_s (local.get $k) (local.get $count)))
      (block $skip
        (if (local.get $wide)
          (then
            (local.set $at (i32.add (global.get $GLYPH) (i32.shl (local.get $k) (i32.const 4))))
            (local.set $cy (i32.add (local.get $top) (i32.load (local.get $at))))
            (local.set $x0 (i32.add (local.get $left) (i32.load offset=4 (local.get $at))))
            (local.set $x1 (i32.add (local.get $x0) (i32.load offset=8 (local.get $at))))
            (local.set $step (i32.load offset=12 (local.get $at))))
          (else
            (local.set $at (i32.add (global.get $GLYPH) (i32.shl (local.get $k) (i32.const 2))))
            (local.set $cy (i32.add (local.get $top) (i32.load8_u (local.get $at))))
            (local.set $x0 (i32.add (local.get $left) (i32.load8_u offset=1 (local.get $at))))
            (local.set $x1 (i32.add (local.get $x0) (i32.load8_u offset=2 (local.get $at))))
            (local.set $step (i32.load8_u offset=3 (local.get $at)))))
        (br_if $skip (i32.or (i32.lt_s (local.get $cy) (i32.const 0)) (i32.ge_s (local.get $cy) (local.get $height))))
        (if (i32.lt_s (local.get $x0) (i32.const 0)) (then (local.set $x0 (i32.const 0))))
        (if (i32.gt_s (local.get $x1) (local.get $width)) (then (local.set $x1 (local.get $width))))
        (br_if $skip (i32.ge_s (local.get $x0) (local.get $x1)))
        (local.set $out (i32.add (global.get $CANVAS) (i32.mul (local.get $cy) (local.get $width))))
        (if (i32.ge_s (local.get $step) (i32.const 16))
          (then (memory.fill (i32.add (local.get $out) (local.get $x0)) (local.get $solid) (i32.sub (local.get $x1) (local.get $x0))))
          (else
            (local.set $x (i32.add (local.get $out) (local.get $x0)))
            (local.set $x1 (i32.add (local.get $out) (local.get $x1)))
            (block $pxDone (loop $px
              (br_if $pxDone (i32.ge_s (local.get $x) (local.get $x1)))
              (i32.store8 (local.get $x) (call $mix (i32.load8_u (local.get $x)) (local.get $step)))
              (local.set $x (i32.add (local.get $x) (i32.const 1)))
              (br $px))))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $next))))

  ;; raster.ts Canvas.colourIndex when the palette (256 colours at PALETTE) is full: the first
  ;; of the nearest colours (squared distance in RGB).
  (global $PALETTE (export "PALETTE") i32 (i32.const 6163456))
  (func (export "nearest") (param $r i32) (param $g i32) (param $b i32) (result i32)
    (local $i i32) (local $at i32) (local $d i32) (local $e i32) (local $best i32) (local $bestD i32)
    (local.set $bestD (i32.const 0x7fffffff))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (i32.const 256)))
      (local.set $at (i32.add (global.get $PALETTE) (i32.mul (local.get $i) (i32.const 3))))
      (local.set $e (i32.sub (i32.load8_u (local.get $at)) (local.get $r)))
      (local.set $d (i32.mul (local.get $e) (local.get $e)))
      (local.set $e (i32.sub (i32.load8_u offset=1 (local.get $at)) (local.get $g)))
      (local.set $d (i32.add (local.get $d) (i32.mul (local.get $e) (local.get $e))))
      (local.set $e (i32.sub (i32.load8_u offset=2 (local.get $at)) (local.get $b)))
      (local.set $d (i32.add (local.get $d) (i32.mul (local.get $e) (local.get $e))))
      (if (i32.lt_s (local.get $d) (local.get $bestD))
        (then (local.set $bestD (local.get $d)) (local.set $best (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (local.get $best))

  (func $distance (param $px f64) (param $py f64) (param $ax f64) (param $ay f64) (param $bx f64) (param $by f64) (result f64)
    (local $dx f64) (local $dy f64) (local $len2 f64) (local $t f64) (local $ex f64) (local $ey f64)
    (local.set $dx (f64.sub (local.get $bx) (local.get $ax)))
    (local.set $dy (f64.sub (local.get $by) (local.get $ay)))
    (local.set $len2 (f64.add (f64.mul (local.get $dx) (local.get $dx)) (f64.mul (local.get $dy) (local.get $dy))))
    (if (f64.gt (local.get $len2) (f64.const 0))
      (then (local.set $t (f64.div
        (f64.add (f64.mul (f64.sub (local.get $px) (local.get $ax)) (local.get $dx)) (f64.mul (f64.sub (local.get $py) (local.get $ay)) (local.get $dy)))
        (local.get $len2)))))
    (if (f64.lt (local.get $t) (f64.const 0)) (then (local.set $t (f64.const 0))))
    (if (f64.gt (local.get $t) (f64.const 1)) (then (local.set $t (f64.const 1))))
    (local.set $ex (f64.sub (local.get $px) (f64.add (local.get $ax) (f64.mul (local.get $t) (local.get $dx)))))
    (local.set $ey (f64.sub (local.get $py) (f64.add (local.get $ay) (f64.mul (local.get $t) (local.get $dy)))))
    (f64.sqrt (f64.add (f64.mul (local.get $ex) (local.get $ex)) (f64.mul (local.get $ey) (local.get $ey)))))

  ;; raster.ts strokePolyline's distance field: clears a w × h mask and takes, per cell, the
  ;; largest coverage over the n segments at EDGES (moved by (-ox, -oy)) of half-width r.
  (func (export "stroke") (param $n i32) (param $ox f64) (param $oy f64) (param $w i32) (param $h i32) (param $r f64) (param $y0 i32) (param $y1 i32)
    (local $i i32) (local $at i32) (local $ax f64) (local $ay f64) (local $bx f64) (local $by f64) (local $reach f64)
    (local $y i32) (local $yEnd i32) (local $py f64) (local $xa f64) (local $xb f64) (local $t0 f64) (local $t1 f64) (local $tmp f64)
    (local $xStart i32) (local $xEnd i32) (local $x i32) (local $c f64) (local $cell i32) (local $la i32)
    (call $clear (local.get $w) (i32.sub (local.get $y1) (local.get $y0)))
    (local.set $reach (f64.add (local.get $r) (f64.const 1)))
    (block $segsDone (loop $segs
      (br_if $segsDone (i32.ge_s (local.get $i) (local.get $n)))
      (local.set $at (i32.add (global.get $EDGES) (i32.shl (local.get $i) (i32.const 5))))
      (local.set $ax (f64.sub (f64.load (local.get $at)) (local.get $ox)))
      (local.set $ay (f64.sub (f64.load offset=8 (local.get $at)) (local.get $oy)))
      (local.set $bx (f64.sub (f64.load offset=16 (local.get $at)) (local.get $ox)))
      (local.set $by (f64.sub (f64.load offset=24 (local.get $at)) (local.get $oy)))
      (local.set $y (i32.trunc_f64_s (f64.max (f64.const 0) (f64.floor (f64.sub (f64.min (local.get $ay) (local.get $by)) (local.get $reach))))))
      (local.set $yEnd (i32.trunc_f64_s (f64.min (f64.convert_i32_s (i32.sub (local.get $h) (i32.const 1))) (f64.ceil (f64.add (f64.max (local.get $ay) (local.get $by)) (local.get $reach))))))
      ;; Only the window's rows (rows are independent here).
      (if (i32.lt_s (local.get $y) (local.get $y0)) (then (local.set $y (local.get $y0))))
      (if (i32.ge_s (local.get $yEnd) (local.get $y1)) (then (local.set $yEnd (i32.sub (local.get $y1) (i32.const 1)))))
      (block $rowsDone (loop $rows
        (br_if $rowsDone (i32.gt_s (local.get $y) (local.get $yEnd)))
        (block $rowSkip
          (local.set $py (f64.add (f64.convert_i32_s (local.get $y)) (f64.const 0.5)))
          (if (f64.lt (f64.abs (f64.sub (local.get $by) (local.get $ay))) (f64.const 1e-9))
            (then
              (local.set $xa (f64.min (local.get $ax) (local.get $bx)))
              (local.set $xb (f64.max (local.get $ax) (local.get $bx))))
            (else
              (local.set $t0 (f64.div (f64.sub (f64.sub (local.get $py) (local.get $reach)) (local.get $ay)) (f64.sub (local.get $by) (local.get $ay))))
              (local.set $t1 (f64.div (f64.sub (f64.add (local.get $py) (local.get $reach)) (local.get $ay)) (f64.sub (local.get $by) (local.get $ay))))
              (if (f64.gt (local.get $t0) (local.get $t1))
                (then (local.set $tmp (local.get $t0)) (local.set $t0 (local.get $t1)) (local.set $t1 (local.get $tmp))))
              (local.set $t0 (f64.max (f64.const 0) (local.get $t0)))
              (local.set $t1 (f64.min (f64.const 1) (local.get $t1)))
              (br_if $rowSkip (f64.gt (local.get $t0) (local.get $t1)))
              (local.set $t0 (f64.add (local.get $ax) (f64.mul (f64.sub (local.get $bx) (local.get $ax)) (local.get $t0))))
              (local.set $t1 (f64.add (local.get $ax) (f64.mul (f64.sub (local.get $bx) (local.get $ax)) (local.get $t1))))
              (local.set $xa (f64.min (local.get $t0) (local.get $t1)))
              (local.set $xb (f64.max (local.get $t0) (local.get $t1)))))
          (local.set $xStart (i32.trunc_f64_s (f64.max (f64.const 0) (f64.floor (f64.sub (local.get $xa) (local.get $reach))))))
          (local.set $xEnd (i32.trunc_f64_s (f64.min (f64.convert_i32_s (i32.sub (local.get $w) (i32.const 1))) (f64.ceil (f64.add (local.get $xb) (local.get $reach))))))
          (local.set $la (i32.add (global.get $ROWLO) (i32.shl (i32.sub (local.get $y) (local.get $y0)) (i32.const 2))))
          (if (i32.lt_s (local.get $xStart) (i32.load (local.get $la))) (then (i32.store (local.get $la) (local.get $xStart))))
          (local.set $la (i32.add (global.get $ROWHI) (i32.shl (i32.sub (local.get $y) (local.get $y0)) (i32.const 2))))
          (if (i32.gt_s (i32.add (local.get $xEnd) (i32.const 1)) (i32.load (local.get $la))) (then (i32.store (local.get $la) (i32.add (local.get $xEnd) (i32.const 1)))))
          (local.set $x (local.get $xStart))
          (block $colsDone (loop $cols
            (br_if $colsDone (i32.gt_s (local.get $x) (local.get $xEnd)))
            (local.set $c (f64.sub (f64.add (local.get $r) (f64.const 0.5))
              (call $distance (f64.add (f64.convert_i32_s (local.get $x)) (f64.const 0.5)) (local.get $py) (local.get $ax) (local.get $ay) (local.get $bx) (local.get $by))))
            (if (f64.gt (local.get $c) (f64.const 0))
              (then
                (if (f64.gt (local.get $c) (f64.const 1)) (then (local.set $c (f64.const 1))))
                (local.set $cell (i32.add (global.get $ACC) (i32.shl (i32.add (i32.mul (i32.sub (local.get $y) (local.get $y0)) (local.get $w)) (local.get $x)) (i32.const 2))))
                (if (f64.gt (local.get $c) (f64.promote_f32 (f32.load (local.get $cell))))
                  (then (f32.store (local.get $cell) (f32.demote_f64 (local.get $c)))))))
            (local.set $x (i32.add (local.get $x) (i32.const 1)))
            (br $cols))))
        (local.set $y (i32.add (local.get $y) (i32.const 1)))
        (br $rows)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $segs))))

  ;; ---- PNG encoding: png.ts scanlines, deflateInto (wrapped) and the IDAT chunk's CRC ----
  (global $LIT_CODE (export "LIT_CODE") i32 (i32.const 6160384))
  (global $LIT_BITS (export "LIT_BITS") i32 (i32.const 6160960))
  (global $LEN_SYM (export "LEN_SYM") i32 (i32.const 6161248))
  (global $LEN_EXTRA_BITS (export "LEN_EXTRA_BITS") i32 (i32.const 6161768))
  (global $LEN_EXTRA (export "LEN_EXTRA") i32 (i32.const 6162027))
  (global $CRC (export "CRC") i32 (i32.const 6162432))
  (global $CANVAS (export "CANVAS") i32 (i32.const 1024))
  (global $CHUNK (export "CHUNK") i32 (i32.const 7077888))

  (func (export "crcInit")
    (local $n i32) (local $c i32) (local $k i32)
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $n) (i32.const 256)))
      (local.set $c (local.get $n))
      (local.set $k (i32.const 0))
      (block $bitsDone (loop $bits
        (br_if $bitsDone (i32.ge_u (local.get $k) (i32.const 8)))
        (local.set $c (select
          (i32.xor (i32.const 0xedb88320) (i32.shr_u (local.get $c) (i32.const 1)))
          (i32.shr_u (local.get $c) (i32.const 1))
          (i32.and (local.get $c) (i32.const 1))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $bits)))
      (i32.store (i32.add (global.get $CRC) (i32.shl (local.get $n) (i32.const 2))) (local.get $c))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br $next))))

  ;; The canvas's rows (width × height at CANVAS), each after its filter byte 0, from 0: moved
  ;; in place, top row first (row y moves down by CANVAS - y - 1 bytes, never onto a row not yet
  ;; moved, as height ≤ CANVAS), so encoding touches no memory that drawing did not (a fresh
  ;; isolate pays for each new page).
  (func (export "scanlines") (param $width i32) (param $height i32) (result i32)
    (local $y i32) (local $to i32)
    (block $done (loop $next
      (br_if $done (i32.ge_s (local.get $y) (local.get $height)))
      (local.set $to (i32.mul (local.get $y) (i32.add (local.get $width) (i32.const 1))))
      (memory.copy (i32.add (local.get $to) (i32.const 1)) (i32.add (global.get $CANVAS) (i32.mul (local.get $y) (local.get $width))) (local.get $width))
      (i32.store8 (local.get $to) (i32.const 0))
      (local.set $y (i32.add (local.get $y) (i32.const 1)))
      (br $next)))
    (i32.mul (local.get $height) (i32.add (local.get $width) (i32.const 1))))

  ;; png.ts deflateInto(the scanlines [0, n), stride) with the zlib wrapping, written after CHUNK's
  ;; length and type; rowDist / rowDistBits: the row's distance code and extra bits as one
  ;; field, and its width (png.ts works them out). Returns the stream's length.
  (func (export "deflate") (param $n i32) (param $stride i32) (param $rowDist i32) (param $rowDistBits i32) (result i32)
    (local $o i32) (local $bitBuf i32) (local $bitCount i32) (local $a i64) (local $b i64) (local $i i32)
    (local $max i32) (local $leftLen i32) (local $upLen i32) (local $v i32) (local $lit i32) (local $len i32)
    (local $sym i32) (local $k i32) (local $data i32) (local $adler i32) (local $len64 i64) (local $v8 i64)
    (local.set $data (i32.const 0))
    (local.set $o (i32.add (global.get $CHUNK) (i32.const 8)))
    (i32.store8 (local.get $o) (i32.const 0x78))
    (i32.store8 offset=1 (local.get $o) (i32.const 0x01))
    (local.set $o (i32.add (local.get $o) (i32.const 2)))
    (local.set $a (i64.const 1))
    (local.set $bitBuf (i32.const 3)) ;; final block, fixed Huffman codes
    (local.set $bitCount (i32.const 3))
    (block $done (loop $next
      (br_if $done (i32.ge_s (local.get $i) (local.get $n)))
      (local.set $max (i32.sub (local.get $n) (local.get $i)))
      (if (i32.gt_s (local.get $max) (i32.const 258)) (then (local.set $max (i32.const 258))))
      (local.set $leftLen (i32.const 0))
      (if (i32.ge_s (local.get $i) (i32.const 1))
        (then
          (local.set $v (i32.load8_u (i32.sub (i32.add (local.get $data) (local.get $i)) (i32.const 1))))
          ;; eight bytes at a time first (unaligned loads), then byte by byte
          (local.set $v8 (i64.mul (i64.extend_i32_u (local.get $v)) (i64.const 0x0101010101010101)))
          (block $left8Done (loop $left8
            (br_if $left8Done (i32.gt_s (i32.add (local.get $leftLen) (i32.const 8)) (local.get $max)))
            (br_if $left8Done (i64.ne (i64.load (i32.add (i32.add (local.get $data) (local.get $i)) (local.get $leftLen))) (local.get $v8)))
            (local.set $leftLen (i32.add (local.get $leftLen) (i32.const 8)))
            (br $left8)))
          (block $leftDone (loop $left
            (br_if $leftDone (i32.ge_s (local.get $leftLen) (local.get $max)))
            (br_if $leftDone (i32.ne (i32.load8_u (i32.add (i32.add (local.get $data) (local.get $i)) (local.get $leftLen))) (local.get $v)))
            (local.set $leftLen (i32.add (local.get $leftLen) (i32.const 1)))
            (br $left)))))
      (local.set $upLen (i32.const 0))
      (if (i32.and (i32.ge_s (local.get $i) (local.get $stride)) (i32.lt_s (local.get $leftLen) (local.get $max)))
        (then
          (block $up8Done (loop $up8
            (br_if $up8Done (i32.gt_s (i32.add (local.get $upLen) (i32.const 8)) (local.get $max)))
            (br_if $up8Done (i64.ne
              (i64.load (i32.add (i32.add (local.get $data) (local.get $i)) (local.get $upLen)))
              (i64.load (i32.sub (i32.add (i32.add (local.get $data) (local.get $i)) (local.get $upLen)) (local.get $stride)))))
            (local.set $upLen (i32.add (local.get $upLen) (i32.const 8)))
            (br $up8)))
          (block $upDone (loop $up
            (br_if $upDone (i32.ge_s (local.get $upLen) (local.get $max)))
            (br_if $upDone (i32.ne
              (i32.load8_u (i32.add (i32.add (local.get $data) (local.get $i)) (local.get $upLen)))
              (i32.load8_u (i32.sub (i32.add (i32.add (local.get $data) (local.get $i)) (local.get $upLen)) (local.get $stride)))))
            (local.set $upLen (i32.add (local.get $upLen) (i32.const 1)))
            (br $up)))))
      (if (i32.and (i32.lt_s (local.get $upLen) (i32.const 3)) (i32.lt_s (local.get $leftLen) (i32.const 3)))
        (then
          (local.set $lit (i32.load8_u (i32.add (local.get $data) (local.get $i))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (local.set $a (i64.add (local.get $a) (i64.extend_i32_u (local.get $lit))))
          (local.set $b (i64.add (local.get $b) (local.get $a)))
          (local.set $bitBuf (i32.or (local.get $bitBuf)
            (i32.shl (i32.load16_u (i32.add (global.get $LIT_CODE) (i32.shl (local.get $lit) (i32.const 1)))) (local.get $bitCount))))
          (local.set $bitCount (i32.add (local.get $bitCount) (i32.load8_u (i32.add (global.get $LIT_BITS) (local.get $lit))))))
        (else
          (local.set $len (select (local.get $upLen) (local.get $leftLen) (i32.gt_s (local.get $upLen) (local.get $leftLen))))
          (local.set $sym (i32.load16_u (i32.add (global.get $LEN_SYM) (i32.shl (local.get $len) (i32.const 1)))))
          (local.set $bitBuf (i32.or (local.get $bitBuf)
            (i32.shl
              (i32.or
                (i32.load16_u (i32.add (global.get $LIT_CODE) (i32.shl (local.get $sym) (i32.const 1))))
                (i32.shl (i32.load8_u (i32.add (global.get $LEN_EXTRA) (local.get $len))) (i32.load8_u (i32.add (global.get $LIT_BITS) (local.get $sym)))))
              (local.get $bitCount))))
          (local.set $bitCount (i32.add (local.get $bitCount)
            (i32.add (i32.load8_u (i32.add (global.get $LIT_BITS) (local.get $sym))) (i32.load8_u (i32.add (global.get $LEN_EXTRA_BITS) (local.get $len))))))
          (block $flushDone (loop $flush
            (br_if $flushDone (i32.lt_s (local.get $bitCount) (i32.const 8)))
            (i32.store8 (local.get $o) (local.get $bitBuf))
            (local.set $o (i32.add (local.get $o) (i32.const 1)))
            (local.set $bitBuf (i32.shr_u (local.get $bitBuf) (i32.const 8)))
            (local.set $bitCount (i32.sub (local.get $bitCount) (i32.const 8)))
            (br $flush)))
          (if (i32.gt_s (local.get $upLen) (local.get $leftLen))
            (then
              (local.set $bitBuf (i32.or (local.get $bitBuf) (i32.shl (local.get $rowDist) (local.get $bitCount))))
              (local.set $bitCount (i32.add (local.get $bitCount) (local.get $rowDistBits)))
              (local.set $k (local.get $i))
              (block $sumDone (loop $sum
                (br_if $sumDone (i32.ge_s (local.get $k) (i32.add (local.get $i) (local.get $len))))
                (local.set $a (i64.add (local.get $a) (i64.extend_i32_u (i32.load8_u (i32.add (local.get $data) (local.get $k))))))
                (local.set $b (i64.add (local.get $b) (local.get $a)))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br $sum))))
            (else
              (local.set $bitCount (i32.add (local.get $bitCount) (i32.const 5)))
              (local.set $v (i32.load8_u (i32.add (local.get $data) (local.get $i))))
              (local.set $len64 (i64.extend_i32_u (local.get $len)))
              (local.set $b (i64.add (local.get $b) (i64.add (i64.mul (local.get $len64) (local.get $a))
                (i64.div_u (i64.mul (i64.mul (i64.extend_i32_u (local.get $v)) (local.get $len64)) (i64.add (local.get $len64) (i64.const 1))) (i64.const 2)))))
              (local.set $a (i64.add (local.get $a) (i64.mul (local.get $len64) (i64.extend_i32_u (local.get $v)))))))
          (local.set $i (i32.add (local.get $i) (local.get $len)))))
      (if (i64.gt_u (local.get $b) (i64.const 1099511627776))
        (then
          (local.set $a (i64.rem_u (local.get $a) (i64.const 65521)))
          (local.set $b (i64.rem_u (local.get $b) (i64.const 65521)))))
      (block $flushDone2 (loop $flush2
        (br_if $flushDone2 (i32.lt_s (local.get $bitCount) (i32.const 8)))
        (i32.store8 (local.get $o) (local.get $bitBuf))
        (local.set $o (i32.add (local.get $o) (i32.const 1)))
        (local.set $bitBuf (i32.shr_u (local.get $bitBuf) (i32.const 8)))
        (local.set $bitCount (i32.sub (local.get $bitCount) (i32.const 8)))
        (br $flush2)))
      (br $next)))
    ;; end of block, then pad to a byte
    (local.set $bitBuf (i32.or (local.get $bitBuf)
      (i32.shl (i32.load16_u (i32.add (global.get $LIT_CODE) (i32.const 512))) (local.get $bitCount))))
    (local.set $bitCount (i32.add (local.get $bitCount) (i32.load8_u (i32.add (global.get $LIT_BITS) (i32.const 256)))))
    (block $padDone (loop $pad
      (br_if $padDone (i32.le_s (local.get $bitCount) (i32.const 0)))
      (i32.store8 (local.get $o) (local.get $bitBuf))
      (local.set $o (i32.add (local.get $o) (i32.const 1)))
      (local.set $bitBuf (i32.shr_u (local.get $bitBuf) (i32.const 8)))
      (local.set $bitCount (i32.sub (local.get $bitCount) (i32.const 8)))
      (br $pad)))
    (local.set $adler (i32.or
      (i32.shl (i32.wrap_i64 (i64.rem_u (local.get $b) (i64.const 65521))) (i32.const 16))
      (i32.wrap_i64 (i64.rem_u (local.get $a) (i64.const 65521)))))
    (i32.store8 (local.get $o) (i32.shr_u (local.get $adler) (i32.const 24)))
    (i32.store8 offset=1 (local.get $o) (i32.shr_u (local.get $adler) (i32.const 16)))
    (i32.store8 offset=2 (local.get $o) (i32.shr_u (local.get $adler) (i32.const 8)))
    (i32.store8 offset=3 (local.get $o) (local.get $adler))
    (i32.sub (i32.add (local.get $o) (i32.const 4)) (i32.add (global.get $CHUNK) (i32.const 8))))

  ;; Makes the zlib stream of length len after CHUNK + 8 an IDAT chunk: length and type before
  ;; it, CRC-32 of type and data after. Returns the chunk's length.
  (func (export "idatChunk") (param $len i32) (result i32)
    (local $c i32) (local $p i32) (local $end i32)
    (i32.store8 (global.get $CHUNK) (i32.shr_u (local.get $len) (i32.const 24)))
    (i32.store8 offset=1 (global.get $CHUNK) (i32.shr_u (local.get $len) (i32.const 16)))
    (i32.store8 offset=2 (global.get $CHUNK) (i32.shr_u (local.get $len) (i32.const 8)))
    (i32.store8 offset=3 (global.get $CHUNK) (local.get $len))
    (i32.store offset=4 (global.get $CHUNK) (i32.const 0x54414449)) ;; "IDAT"
    (local.set $c (i32.const -1))
    (local.set $p (i32.add (global.get $CHUNK) (i32.const 4)))
    (local.set $end (i32.add (i32.add (global.get $CHUNK) (i32.const 8)) (local.get $len)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (local.set $c (i32.xor
        (i32.load (i32.add (global.get $CRC) (i32.shl (i32.and (i32.xor (local.get $c) (i32.load8_u (local.get $p))) (i32.const 0xff)) (i32.const 2))))
        (i32.shr_u (local.get $c) (i32.const 8))))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $next)))
    (local.set $c (i32.xor (local.get $c) (i32.const -1)))
    (i32.store8 (local.get $end) (i32.shr_u (local.get $c) (i32.const 24)))
    (i32.store8 offset=1 (local.get $end) (i32.shr_u (local.get $c) (i32.const 16)))
    (i32.store8 offset=2 (local.get $end) (i32.shr_u (local.get $c) (i32.const 8)))
    (i32.store8 offset=3 (local.get $end) (local.get $c))
    (i32.add (local.get $len) (i32.const 12)))
)
