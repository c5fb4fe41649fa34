import { describe, expect, it } from "vitest";
import { correctionPlace } from "../../src/utils/corrections";

const chapters = [
  { number: 0, slug: "front" },
  { number: 3, slug: "twin-cores" },
  { number: 11, slug: "wellbeing" },
];

describe("correctionPlace", () => {
  it("names and links a section", () => {
    expect(correctionPlace("twin-cores/section-2", chapters)).toEqual({ label: "第三章第二节", href: "/plan/twin-cores/#section-2" });
  });
  it("names and links a box", () => {
    expect(correctionPlace("wellbeing/box-18", chapters)).toEqual({ label: "第十一章 专栏18", href: "/plan/wellbeing/#box-18" });
  });
  it("names the front matter", () => {
    expect(correctionPlace("front", chapters)).toEqual({ label: "印发通知与前言", href: "/plan/front/" });
  });
  it("keeps an unknown place as written, without a link", () => {
    expect(correctionPlace("nowhere/section-1", chapters)).toEqual({ label: "nowhere/section-1", href: null });
  });
});
