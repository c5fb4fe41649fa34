import { describe, expect, it } from "vitest";
import { Canvas, Path } from "../../functions/_lib/og/raster";

// Black canvas, white paint: a pixel's red channel is its coverage × 255.
const coverage = (c: Canvas, x: number, y: number): number => c.rgb()[(y * c.width + x) * 3]! / 255;
const total = (c: Canvas): number => {
  const rgb = c.rgb();
  let sum = 0;
  for (let i = 0; i < rgb.length; i += 3) sum += rgb[i]! / 255;
  return sum;
};
const WHITE = [255, 255, 255] as const;
const BLACK = [0, 0, 0] as const;

describe("Canvas.fill", () => {
  it("covers whole pixels fully and half pixels by half", () => {
    const c = new Canvas(20, 10, BLACK);
    c.fill(new Path().rect(2.5, 2, 5, 4), WHITE);
    expect(coverage(c, 4, 3)).toBe(1);
    expect(coverage(c, 2, 3)).toBeCloseTo(0.5, 1);
    expect(coverage(c, 7, 3)).toBeCloseTo(0.5, 1);
    expect(coverage(c, 1, 3)).toBe(0);
    expect(coverage(c, 4, 6)).toBe(0);
    expect(total(c)).toBeCloseTo(20, 0);
  });

  it("ignores an edge that is level only once moved into the mask (no gap in the rest of its row)", () => {
    // A glyph's outline sits around its baseline (y ≤ 0 mostly): moved by the mask's top (-20),
    // 0.5 and the next double above it become one number, and the edge between them level.
    const nearlyLevel = 0.5 + Number.EPSILON / 2;
    expect(nearlyLevel).not.toBe(0.5);
    expect(nearlyLevel + 20).toBe(0.5 + 20);
    const path = new Path();
    path.moveTo(1, -20);
    path.lineTo(11, -20);
    path.lineTo(11, 0.5);
    path.lineTo(6, nearlyLevel);
    path.lineTo(1, 0.5);
    path.close();
    const c = new Canvas(20, 40, BLACK);
    c.drawMask(c.maskOf(path), 0, 25, WHITE);
    // Row y = 0 of the shape (canvas row 25) is half covered all along, left of the odd edge too.
    for (let x = 1; x < 11; x++) expect(coverage(c, x, 25), `x ${x}`).toBeCloseTo(0.5, 1);
    expect(coverage(c, 5, 10)).toBe(1);
  });

  it("fills a circle with its area", () => {
    const c = new Canvas(40, 40, BLACK);
    c.fill(new Path().circle(20, 20, 12.3), WHITE);
    // Within 2 %: the flattened outline's chords sit up to 0.12 px inside the arc.
    expect(Math.abs(total(c) / (Math.PI * 12.3 ** 2) - 1)).toBeLessThan(0.02);
    expect(coverage(c, 20, 20)).toBe(1);
    expect(coverage(c, 2, 2)).toBe(0);
  });

  it("uses non-zero winding: same-direction overlaps fill once, a reversed inner contour cuts a hole", () => {
    const overlap = new Canvas(30, 10, BLACK);
    const p = new Path().rect(2, 2, 10, 6).rect(8, 2, 10, 6);
    overlap.fill(p, WHITE, 0.5);
    // With alpha 0.5 a doubly-blended overlap would read 0.75.
    expect(coverage(overlap, 10, 4)).toBeCloseTo(0.5, 1);
    expect(coverage(overlap, 4, 4)).toBeCloseTo(0.5, 1);

    const hole = new Canvas(30, 30, BLACK);
    const ring = new Path().rect(2, 2, 20, 20);
    ring.moveTo(8, 8);
    ring.lineTo(8, 16);
    ring.lineTo(16, 16);
    ring.lineTo(16, 8);
    ring.close();
    hole.fill(ring, WHITE);
    expect(coverage(hole, 12, 12)).toBe(0);
    expect(coverage(hole, 4, 12)).toBe(1);
  });

  it("clips shapes that reach past the canvas edge", () => {
    const c = new Canvas(10, 10, BLACK);
    c.fill(new Path().rect(-5, -5, 10, 10), WHITE);
    expect(coverage(c, 0, 0)).toBe(1);
    expect(coverage(c, 4, 4)).toBe(1);
    expect(coverage(c, 5, 5)).toBe(0);
  });
});

describe("Canvas.strokePolyline", () => {
  it("draws a line of the given width with soft edges", () => {
    const c = new Canvas(40, 20, BLACK);
    c.strokePolyline([5, 10, 35, 10], 4, WHITE);
    expect(coverage(c, 20, 9)).toBe(1); // pixel centres 9.5 and 10.5 are inside the 4 px line
    expect(coverage(c, 20, 8)).toBeCloseTo(1, 1);
    expect(coverage(c, 20, 5)).toBe(0);
    // Area ≈ length × width plus the round caps.
    expect(total(c)).toBeCloseTo(30 * 4 + Math.PI * 4, -1);
  });

  it("does not darken the joint where segments meet", () => {
    const c = new Canvas(40, 40, BLACK);
    c.strokePolyline([5, 20, 20, 20, 35, 20], 4, WHITE, { alpha: 0.5 });
    expect(coverage(c, 20, 20)).toBeCloseTo(0.5, 1);
  });

  it("leaves gaps in a dashed line", () => {
    const c = new Canvas(60, 10, BLACK);
    c.strokePolyline([0, 5, 60, 5], 2, WHITE, { dash: [10, 10] });
    expect(coverage(c, 5, 5)).toBe(1);
    expect(coverage(c, 15, 5)).toBe(0);
    expect(coverage(c, 25, 5)).toBe(1);
  });
});

describe("Canvas.maskOf and drawMask", () => {
  it("paint exactly what fill paints, shifted by whole pixels, and clip at the edges", () => {
    const shape = () => new Path().circle(9.3, 8.6, 6.2).rect(2.25, 3.5, 4, 9);
    const filled = new Canvas(40, 30, BLACK);
    filled.fill(shape(), WHITE);
    const masked = new Canvas(40, 30, BLACK);
    const mask = masked.maskOf(shape());
    masked.drawMask(mask, 0, 0, WHITE);
    expect(Buffer.from(masked.rgb()).equals(Buffer.from(filled.rgb()))).toBe(true);

    const shifted = new Canvas(40, 30, BLACK);
    shifted.drawMask(mask, 20, 10, WHITE);
    expect(coverage(shifted, 29, 18)).toBe(coverage(filled, 9, 8));
    expect(total(shifted)).toBeCloseTo(total(filled), 5);

    const clipped = new Canvas(40, 30, BLACK);
    clipped.drawMask(mask, -8, -6, WHITE);
    clipped.drawMask(mask, 35, 25, WHITE);
    expect(total(clipped)).toBeLessThan(total(filled));
    expect(total(clipped)).toBeGreaterThan(0);
  });
});
