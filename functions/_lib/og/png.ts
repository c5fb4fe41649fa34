// Minimal PNG encoder: 8-bit indexed or RGB, one IDAT, with its own single-pass deflate.


const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

let crcTable: Uint32Array | undefined;

function table(): Uint32Array {
  if (crcTable) return crcTable;
  crcTable = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crcTable[n] = c >>> 0;
  }
  return crcTable;
}

/** CRC-32 (ISO 3309, as PNG uses it) of bytes. */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  const t = table();
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = t[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// A chunk written in place at out[at]: length, type, data, CRC of type and data. Returns the
// offset after it.
function putChunk(out: Uint8Array, at: number, type: string, data: Uint8Array): number {
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  view.setUint32(at, data.length);
  for (let i = 0; i < 4; i++) out[at + 4 + i] = type.charCodeAt(i);
  out.set(data, at + 8);
  view.setUint32(at + 8 + data.length, crc32(out, at + 4, at + 8 + data.length));
  return at + 12 + data.length;
}

// Every scanline gets filter type 0 (None): the image is flat areas and anti-aliased edges,
// which deflate's own matches (the pixel to the left, the row above) already capture; with
// palette indices, predictors would only scramble them.
// The buffers below are kept between images (encoding is synchronous, one image at a time): a
// Worker isolate that draws image after image would otherwise allocate and collect about two
// megabytes per image, and the collections land, now and then, inside a request's CPU time.
let scanlineBuffer = new Uint8Array(0);
let deflateBuffer = new Uint8Array(0);

/** The image's rows, each after its filter byte (0, None), in a buffer kept for the next image. */
export function scanlines(pixels: Uint8Array, rowBytes: number, height: number): Uint8Array {
  const size = (rowBytes + 1) * height;
  if (scanlineBuffer.length < size) scanlineBuffer = new Uint8Array(size);
  const out = scanlineBuffer.subarray(0, size);
  for (let y = 0; y < height; y++) {
    out[y * (rowBytes + 1)] = 0;
    out.set(pixels.subarray(y * rowBytes, (y + 1) * rowBytes), y * (rowBytes + 1) + 1);
  }
  return out;
}

// A deflate encoder made for these images, in one pass with no search: every token is a
// literal, a repeat of the byte to the left (distance 1) or a copy of the row above (distance
// one scanline), coded with deflate's fixed Huffman table. Drawings of flat areas and short
// anti-aliased edges are almost all such repeats, so the output is within a few per cent of
// zlib's, at a small fraction of a general-purpose deflate's CPU (fflate: ~10 ms for the
// preview image; this: ~1 ms), which is what the Workers Free plan's 10 ms budget needs.

// Fixed Huffman codes of the literal/length alphabet (RFC 1951, 3.2.6), bit-reversed for
// deflate's LSB-first bit order.
const LIT_CODE = new Uint16Array(288);
const LIT_BITS = new Uint8Array(288);
const reverse = (code: number, bits: number): number => {
  let r = 0;
  for (let i = 0; i < bits; i++) r |= ((code >> i) & 1) << (bits - 1 - i);
  return r;
};
for (let sym = 0; sym < 288; sym++) {
  const [base, first, bits] = sym < 144 ? [0x30, 0, 8] : sym < 256 ? [0x190, 144, 9] : sym < 280 ? [0, 256, 7] : [0xc0, 280, 8];
  LIT_CODE[sym] = reverse(base + sym - first, bits);
  LIT_BITS[sym] = bits;
}
// Length 3…258 → symbol, extra bits, extra value.
const LEN_SYM = new Uint16Array(259);
const LEN_EXTRA_BITS = new Uint8Array(259);
const LEN_EXTRA = new Uint8Array(259);
{
  const base = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
  const extra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
  for (let k = 0; k < base.length; k++) {
    const end = k + 1 < base.length ? base[k + 1]! : 259;
    for (let len = base[k]!; len < end && len <= 258; len++) {
      LEN_SYM[len] = 257 + k;
      LEN_EXTRA_BITS[len] = extra[k]!;
      LEN_EXTRA[len] = len - base[k]!;
    }
  }
  // 258 has a code of its own (285), not 227 + 31.
  LEN_SYM[258] = 285;
  LEN_EXTRA_BITS[258] = 0;
  LEN_EXTRA[258] = 0;
}
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];

/** The fixed Huffman code tables, for an encoder elsewhere (raster.wasm) to code the same way. */
export const DEFLATE_TABLES = { LIT_CODE, LIT_BITS, LEN_SYM, LEN_EXTRA_BITS, LEN_EXTRA } as const;

/** The distance of a row above (stride bytes back): its code and extra bits as one field, and that field's width. */
export function rowDistance(stride: number): { code: number; bits: number } {
  let dk = 0;
  while (dk + 1 < DIST_BASE.length && DIST_BASE[dk + 1]! <= stride) dk++;
  return { code: reverse(dk, 5) | ((stride - DIST_BASE[dk]!) << 5), bits: 5 + DIST_EXTRA[dk]! };
}

/** zlib stream (RFC 1950) of `data`, whose rows are `stride` bytes apart. */
export function deflateRows(data: Uint8Array, stride: number): Uint8Array {
  return deflateInto(data, stride).slice();
}

const ADLER_MOD = 65521;
const ADLER_REDUCE_AT = 2 ** 40;

// deflateRows into the kept buffer: the view is valid until the next call. The Adler-32 of the
// data is summed as the tokens go by, so the bytes are read once: a run of one byte adds its
// sums in closed form, which is most of an image like this.
// With wrap false: no zlib header or Adler-32 trailer, and the block is not the last: it ends
// with an empty stored block, which brings the stream to a byte boundary, so that another
// deflate stream's blocks can follow (see deflateHead). The Adler-32 is left in lastAdler.
let lastAdler = 1;

function deflateInto(data: Uint8Array, stride: number, wrap = true): Uint8Array {
  if (stride < 1 || stride > 32768) throw new Error("row stride must be 1–32768 bytes");
  const n = data.length;
  const bound = 16 + Math.ceil((n * 9) / 8);
  if (deflateBuffer.length < bound) deflateBuffer = new Uint8Array(bound);
  const out = deflateBuffer;
  let o = 0;
  if (wrap) {
    out[o++] = 0x78; // deflate, 32 KiB window
    out[o++] = 0x01; // fastest; 0x7801 is a multiple of 31
  }
  // Bits not yet written, LSB first: at most 7 between writes, and a write adds at most 18
  // (a length code with its extra bits, or a distance code with its), so an int32 holds them.
  let bitBuf = 0;
  let bitCount = 0;
  // The row's distance code with its extra bits after it, as one field.
  const { code: rowDist, bits: rowDistBits } = rowDistance(stride);
  let a = 1;
  let b = 0;
  const words = new DataView(data.buffer, data.byteOffset, data.byteLength);

  bitBuf = (wrap ? 1 : 0) | (1 << 1); // final block (unless more follow), fixed Huffman codes
  bitCount = 3;
  let i = 0;
  while (i < n) {
    const max = n - i < 258 ? n - i : 258;
    // Distance 1 codes in 5 bits, a row's distance in 5 + 9 or 10: the row above only when longer.
    // Matches are measured four bytes at a time (unaligned 32-bit reads), then byte by byte.
    let leftLen = 0;
    if (i >= 1) {
      const v = data[i - 1]!;
      const v4 = Math.imul(v, 0x01010101) | 0;
      while (leftLen + 4 <= max && (words.getInt32(i + leftLen, true) | 0) === v4) leftLen += 4;
      while (leftLen < max && data[i + leftLen] === v) leftLen++;
    }
    let upLen = 0;
    if (i >= stride && leftLen < max) {
      while (upLen + 4 <= max && words.getInt32(i + upLen, true) === words.getInt32(i + upLen - stride, true)) upLen += 4;
      while (upLen < max && data[i + upLen] === data[i + upLen - stride]) upLen++;
    }
    if (upLen < 3 && leftLen < 3) {
      const lit = data[i++]!;
      a += lit;
      b += a;
      bitBuf |= LIT_CODE[lit]! << bitCount;
      bitCount += LIT_BITS[lit]!;
    } else {
      const len = upLen > leftLen ? upLen : leftLen;
      const sym = LEN_SYM[len]!;
      bitBuf |= (LIT_CODE[sym]! | (LEN_EXTRA[len]! << LIT_BITS[sym]!)) << bitCount;
      bitCount += LIT_BITS[sym]! + LEN_EXTRA_BITS[len]!;
      while (bitCount >= 8) {
        out[o++] = bitBuf & 0xff;
        bitBuf >>>= 8;
        bitCount -= 8;
      }
      if (upLen > leftLen) {
        bitBuf |= rowDist << bitCount;
        bitCount += rowDistBits;
        for (let k = i; k < i + len; k++) {
          a += data[k]!;
          b += a;
        }
      } else {
        bitCount += 5; // distance code 0 (distance 1): five zero bits
        // len bytes of value v: b gains len·a + v·len(len+1)/2, a gains len·v.
        const v = data[i]!;
        b += len * a + (v * len * (len + 1)) / 2;
        a += len * v;
      }
      i += len;
    }
    // The sums are exact in a double far beyond 2^32, so the (slow) modulo waits until b is
    // large: then a ≤ b, and one token adds at most 258·a + 8.5 million to b, still < 2^53.
    if (b > ADLER_REDUCE_AT) {
      a %= ADLER_MOD;
      b %= ADLER_MOD;
    }
    while (bitCount >= 8) {
      out[o++] = bitBuf & 0xff;
      bitBuf >>>= 8;
      bitCount -= 8;
    }
  }
  // End of block, then pad to a byte (after an empty stored block's 3 header bits, 0 and 00,
  // when more blocks follow).
  bitBuf |= LIT_CODE[256]! << bitCount;
  bitCount += LIT_BITS[256]!;
  if (!wrap) bitCount += 3;
  while (bitCount > 0) {
    out[o++] = bitBuf & 0xff;
    bitBuf >>>= 8;
    bitCount -= 8;
  }
  const adler = (((b % ADLER_MOD) << 16) | (a % ADLER_MOD)) >>> 0;
  lastAdler = adler;
  if (!wrap) {
    // The stored block's LEN 0 and NLEN 0xffff.
    out[o++] = 0;
    out[o++] = 0;
    out[o++] = 0xff;
    out[o++] = 0xff;
    return out.subarray(0, o);
  }
  out[o++] = adler >>> 24;
  out[o++] = (adler >>> 16) & 0xff;
  out[o++] = (adler >>> 8) & 0xff;
  out[o++] = adler & 0xff;
  return out.subarray(0, o);
}

/**
 * The first rows of an image as raw deflate blocks that are not the last (ending on a byte
 * boundary), with their Adler-32: joinZlib puts another compressor's stream of the remaining
 * rows after them. `raw` is a copy (the kept buffer is reused by the next call).
 */
export function deflateHead(data: Uint8Array, stride: number): { raw: Uint8Array; adler: number } {
  const raw = deflateInto(data, stride, false).slice();
  return { raw, adler: lastAdler };
}

/**
 * One zlib stream of head's bytes followed by tail's: the head's raw blocks (deflateHead), then
 * the blocks of `tail` (a complete zlib stream of `tailLength` bytes, e.g. a CompressionStream's),
 * and the Adler-32 of both parts combined (zlib's adler32_combine).
 */
export function joinZlib(head: { raw: Uint8Array; adler: number }, tail: Uint8Array, tailLength: number): Uint8Array {
  if (tail.length < 6 || (tail[0]! & 0x0f) !== 8 || (tail[1]! & 0x20) !== 0) throw new Error("tail must be a zlib stream without a preset dictionary");
  const blocks = tail.subarray(2, tail.length - 4);
  const t = tail.length - 4;
  const tailAdler = ((tail[t]! << 24) | (tail[t + 1]! << 16) | (tail[t + 2]! << 8) | tail[t + 3]!) >>> 0;
  const rem = tailLength % ADLER_MOD;
  let sum1 = head.adler & 0xffff;
  let sum2 = (rem * sum1) % ADLER_MOD;
  sum1 += (tailAdler & 0xffff) + ADLER_MOD - 1;
  sum2 += (head.adler >>> 16) + (tailAdler >>> 16) + ADLER_MOD - rem;
  if (sum1 >= ADLER_MOD) sum1 -= ADLER_MOD;
  if (sum1 >= ADLER_MOD) sum1 -= ADLER_MOD;
  if (sum2 >= 2 * ADLER_MOD) sum2 -= 2 * ADLER_MOD;
  if (sum2 >= ADLER_MOD) sum2 -= ADLER_MOD;
  const adler = ((sum2 << 16) | sum1) >>> 0;
  const out = new Uint8Array(2 + head.raw.length + blocks.length + 4);
  out[0] = 0x78;
  out[1] = 0x01;
  out.set(head.raw, 2);
  out.set(blocks, 2 + head.raw.length);
  const at = out.length - 4;
  out[at] = adler >>> 24;
  out[at + 1] = (adler >>> 16) & 0xff;
  out[at + 2] = (adler >>> 8) & 0xff;
  out[at + 3] = adler & 0xff;
  return out;
}

function header(width: number, height: number, colourType: 2 | 3): Uint8Array {
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, width);
  v.setUint32(4, height);
  ihdr[8] = 8; // bit depth
  ihdr[9] = colourType; // 2 RGB, 3 palette
  ihdr[10] = 0; // deflate
  ihdr[11] = 0; // adaptive filtering (per-row filter byte)
  ihdr[12] = 0; // no interlace
  return ihdr;
}

// The whole file in one allocation: the signature, then each chunk written in place (a
// Uint8Array is a whole chunk made elsewhere, CRC included).
function file(chunks: ([string, Uint8Array] | Uint8Array)[]): Uint8Array {
  const out = new Uint8Array(SIGNATURE.length + chunks.reduce((n, c) => n + (c instanceof Uint8Array ? c.length : 12 + c[1].length), 0));
  out.set(SIGNATURE);
  let at = SIGNATURE.length;
  for (const c of chunks) {
    if (c instanceof Uint8Array) {
      out.set(c, at);
      at += c.length;
    } else at = putChunk(out, at, c[0], c[1]);
  }
  return out;
}

/**
 * Encodes width × height palette indices (1 byte per pixel, rows top to bottom) with their
 * palette (RGB triples, at most 256) as an 8-bit indexed PNG.
 */
export function encodeIndexedPng(indices: Uint8Array, palette: Uint8Array, paletteSize: number, width: number, height: number): Uint8Array {
  if (indices.length !== width * height) throw new Error(`expected ${width * height} palette indices, got ${indices.length}`);
  if (paletteSize < 1 || paletteSize > 256 || palette.length < paletteSize * 3) throw new Error(`palette must hold 1–256 colours, got ${paletteSize}`);
  return indexedPngFile(deflateInto(scanlines(indices, width, height), width + 1), palette, paletteSize, width, height);
}

/** An 8-bit indexed PNG around `zlib`, the zlib stream of its scanlines (see scanlines). */
export function indexedPngFile(zlib: Uint8Array, palette: Uint8Array, paletteSize: number, width: number, height: number): Uint8Array {
  if (paletteSize < 1 || paletteSize > 256 || palette.length < paletteSize * 3) throw new Error(`palette must hold 1–256 colours, got ${paletteSize}`);
  return file([["IHDR", header(width, height, 3)], ["PLTE", palette.subarray(0, paletteSize * 3)], ["IDAT", zlib], ["IEND", new Uint8Array(0)]]);
}

/** An 8-bit indexed PNG around a complete IDAT chunk (length, type, zlib stream, CRC) made elsewhere (raster.wasm). */
export function indexedPngFileWithIdat(idat: Uint8Array, palette: Uint8Array, paletteSize: number, width: number, height: number): Uint8Array {
  if (paletteSize < 1 || paletteSize > 256 || palette.length < paletteSize * 3) throw new Error(`palette must hold 1–256 colours, got ${paletteSize}`);
  return file([["IHDR", header(width, height, 3)], ["PLTE", palette.subarray(0, paletteSize * 3)], idat, ["IEND", new Uint8Array(0)]]);
}

/** Encodes width × height RGB pixels (3 bytes each, rows top to bottom) as an 8-bit RGB PNG. */
export function encodePng(rgb: Uint8Array, width: number, height: number): Uint8Array {
  if (rgb.length !== width * height * 3) throw new Error(`expected ${width * height * 3} RGB bytes, got ${rgb.length}`);
  const idat = deflateInto(scanlines(rgb, width * 3, height), width * 3 + 1);
  return file([["IHDR", header(width, height, 2)], ["IDAT", idat], ["IEND", new Uint8Array(0)]]);
}
