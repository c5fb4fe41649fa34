import { describe, expect, it, inject } from "vitest";

const base = inject("baseUrl");

describe("static site served by the Pages runtime", () => {
  it("serves the home page", async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("规划");
  });
  it("answers 404 with the 404 page for an unknown path", async () => {
    const res = await fetch(`${base}/no-such-page/`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("页面不存在");
  });
});
