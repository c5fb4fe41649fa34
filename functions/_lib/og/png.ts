// Minimal PNG encoder: 8-bit indexed or RGB, one IDAT, with its own single-pass deflate.


const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

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

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  // The CRC covers the type and the data, not the length.
  view.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

// Every scanline gets filter type 0 (None): the image is flat areas and anti-aliased edges,
// which deflate's own matches (the pixel to the left, the row above) already capture; with
// palette indices, predictors would only scramble them.
function scanlines(pixels: Uint8Array, rowBytes: number, height: number): Uint8Array {
  const out = new Uint8Array((rowBytes + 1) * height);
  for (let y = 0; y < height; y++) out.set(pixels.subarray(y * rowBytes, (y + 1) * rowBytes), y * (rowBytes + 1) + 1);
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

function adler32(data: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < data.length; ) {
    // 5552 bytes keep b below 2^32 before the modulo (zlib's NMAX).
    const end = Math.min(data.length, i + 5552);
    for (; i < end; i++) {
      a += data[i]!;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** zlib stream (RFC 1950) of `data`, whose rows are `stride` bytes apart. */
export function deflateRows(data: Uint8Array, stride: number): Uint8Array {
  if (stride < 1 || stride > 32768) throw new Error("row stride must be 1–32768 bytes");
  const n = data.length;
  const out = new Uint8Array(16 + Math.ceil((n * 9) / 8));
  out[0] = 0x78; // deflate, 32 KiB window
  out[1] = 0x01; // fastest; 0x7801 is a multiple of 31
  let o = 2;
  let bitBuf = 0;
  let bitCount = 0;
  const put = (value: number, bits: number): void => {
    bitBuf |= value << bitCount;
    bitCount += bits;
    while (bitCount >= 8) {
      out[o++] = bitBuf & 0xff;
      bitBuf >>>= 8;
      bitCount -= 8;
    }
  };
  let dk = 0;
  while (dk + 1 < DIST_BASE.length && DIST_BASE[dk + 1]! <= stride) dk++;
  const rowDistCode = reverse(dk, 5);
  const rowDistExtraBits = DIST_EXTRA[dk]!;
  const rowDistExtra = stride - DIST_BASE[dk]!;

  put(1, 1); // final block
  put(1, 2); // fixed Huffman codes
  let i = 0;
  while (i < n) {
    const max = Math.min(258, n - i);
    // Distance 1 codes in 5 bits, a row's distance in 5 + 9 or 10: the row above only when longer.
    let leftLen = 0;
    if (i >= 1) while (leftLen < max && data[i + leftLen] === data[i + leftLen - 1]) leftLen++;
    let upLen = 0;
    if (i >= stride && leftLen < max) while (upLen < max && data[i + upLen] === data[i + upLen - stride]) upLen++;
    const len = upLen > leftLen ? upLen : leftLen;
    if (len < 3) {
      const lit = data[i++]!;
      put(LIT_CODE[lit]!, LIT_BITS[lit]!);
      continue;
    }
    const sym = LEN_SYM[len]!;
    put(LIT_CODE[sym]!, LIT_BITS[sym]!);
    if (LEN_EXTRA_BITS[len]) put(LEN_EXTRA[len]!, LEN_EXTRA_BITS[len]!);
    if (upLen > leftLen) {
      put(rowDistCode, 5);
      if (rowDistExtraBits) put(rowDistExtra, rowDistExtraBits);
    } else {
      put(0, 5); // distance code 0: distance 1
    }
    i += len;
  }
  put(LIT_CODE[256]!, LIT_BITS[256]!); // end of block
  if (bitCount > 0) put(0, 8 - bitCount);
  const adler = adler32(data);
  out[o++] = adler >>> 24;
  out[o++] = (adler >>> 16) & 0xff;
  out[o++] = (adler >>> 8) & 0xff;
  out[o++] = adler & 0xff;
  return out.slice(0, o);
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

function file(chunks: Uint8Array[]): Uint8Array {
  const parts = [Uint8Array.from(SIGNATURE), ...chunks];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
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
  const idat = deflateRows(scanlines(indices, width, height), width + 1);
  return file([chunk("IHDR", header(width, height, 3)), chunk("PLTE", palette.slice(0, paletteSize * 3)), chunk("IDAT", idat), chunk("IEND", new Uint8Array(0))]);
}

/** Encodes width × height RGB pixels (3 bytes each, rows top to bottom) as an 8-bit RGB PNG. */
export function encodePng(rgb: Uint8Array, width: number, height: number): Uint8Array {
  if (rgb.length !== width * height * 3) throw new Error(`expected ${width * height * 3} RGB bytes, got ${rgb.length}`);
  const idat = deflateRows(scanlines(rgb, width * 3, height), width * 3 + 1);
  return file([chunk("IHDR", header(width, height, 2)), chunk("IDAT", idat), chunk("IEND", new Uint8Array(0))]);
}
