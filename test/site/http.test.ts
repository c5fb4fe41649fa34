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

  it.each(["/plan/no-such-chapter/", "/indicators/nope/", "/plan/twin-cores/extra/", "/no-such-file.js", "/%E5%BA%B7%E5%85%BB/"])(
    "answers a real 404 (not the home page) for %s",
    async (path) => {
      const res = await fetch(`${base}${path}`);
      expect(res.status).toBe(404);
      const html = await res.text();
      expect(html).toContain("页面不存在");
      expect(html).toMatch(/<form[^>]*action="\/search\/"/);
      expect(html).toContain('href="/"');
    },
  );

  it.each(["/api/nope", "/api/nope/", "/api/"])("answers 404 under /api/ for %s, not a page with 200", async (path) => {
    const res = await fetch(`${base}${path}`);
    expect(res.status).toBe(404);
  });

  it("serves robots.txt and the sitemap index", async () => {
    const robots = await fetch(`${base}/robots.txt`);
    expect(robots.status).toBe(200);
    expect(await robots.text()).toContain("sitemap-index.xml");
    const sitemap = await fetch(`${base}/sitemap-index.xml`);
    expect(sitemap.status).toBe(200);
    expect(await sitemap.text()).toContain("<sitemapindex");
  });

  it("serves chapter pages as UTF-8 HTML", async () => {
    const res = await fetch(`${base}/plan/`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await res.text()).toContain('<html lang="zh-CN"');
  });
});
