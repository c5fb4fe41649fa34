// QR matrix for a link. Medium error correction (boosted when the version has room) survives
// a phone camera pointed at a screen; a long fallback URL drops to low correction to fit.
import { encode } from "uqr";

/** The modules of the QR code (true = dark), without quiet zone; null if the text cannot fit. */
export function qrMatrix(text: string): boolean[][] | null {
  for (const ecc of ["M", "L"] as const) {
    try {
      return encode(text, { ecc, boostEcc: true, border: 0 }).data;
    } catch {
      // "Data too long" for this level: try the next one.
    }
  }
  return null;
}
