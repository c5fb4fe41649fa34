// The build step that writes dist/_headers: which scripts it finds, which paths it names, and
// that a page's own policy replaces the general one instead of being joined to it.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { headersFile, inlineScripts, pagePath } from "../../src/integrations/security-headers";
import { SECURITY_HEADERS, contentSecurityPolicy } from "../../functions/_lib/security";

const hash = (text: string) => createHash("sha256").update(text).digest("base64");

describe("inlineScripts", () => {
  it("finds inline scripts of any type and skips those loaded from a file", () => {
    const html = `<script type="module" src="/_astro/a.js"></script><script>one()</script><SCRIPT type="module">two()</SCRIPT ><script type="application/json">{"a":1}</script><script\nsrc="/b.js"></script>`;
    expect(inlineScripts(html)).toEqual(["one()", "two()", '{"a":1}']);
  });
  it("keeps the exact text, white space included, because the hash covers every byte", () => {
    expect(inlineScripts("<script>\n  x();\n</script>")).toEqual(["\n  x();\n"]);
  });
});

describe("pagePath", () => {
  it.each([
    ["index.html", "/"],
    ["simulate/index.html", "/simulate/"],
    ["plan/culture/index.html", "/plan/culture/"],
    ["about.html", "/about"],
    ["404.html", null],
  ])("%s → %s", (file, path) => expect(pagePath(file)).toBe(path));
});

describe("headersFile", () => {
  const pages = [
    { file: "index.html", html: "<p>no scripts</p>" },
    { file: "404.html", html: "<p>missing</p>" },
    { file: "simulate/index.html", html: "<script>boot()</script><script type=module>island()</script>" },
    { file: "search/index.html", html: '<script type="module">search()</script>' },
  ];
  const text = headersFile(pages);
  const lines = text.split("\n");

  it("gives every path the security headers and the 404 page's policy first", () => {
    expect(lines[1]).toBe("/*");
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(lines).toContain(`  ${name}: ${value}`);
    expect(lines).toContain(`  content-security-policy: ${contentSecurityPolicy([])}`);
  });

  it("gives a page with inline scripts its own policy, dropping the general one first", () => {
    const at = lines.indexOf("/simulate/");
    expect(at).toBeGreaterThan(1);
    expect(lines[at + 1]).toBe("  ! content-security-policy");
    expect(lines[at + 2]).toBe(`  content-security-policy: ${contentSecurityPolicy([hash("boot()"), hash("island()")])}`);
    expect(lines[lines.indexOf("/search/") + 2]).toContain(`'sha256-${hash("search()")}'`);
    // Pages without inline scripts need no rule of their own.
    expect(lines).not.toContain("/");
  });

  it("never allows inline scripts wholesale, and forbids framing", () => {
    for (const line of lines.filter((l) => l.includes("content-security-policy:"))) {
      const scriptSrc = /script-src ([^;]*)/.exec(line)![1]!;
      expect(scriptSrc).not.toMatch(/'unsafe-inline'|'unsafe-eval'|'unsafe-hashes'|\*|https?:|data:/);
      expect(line).toContain("frame-ancestors 'none'");
      expect(line).toContain("object-src 'none'");
    }
  });

  it("covers the 404 page's scripts in the general rule (Pages serves it at any path)", () => {
    const withScript = headersFile([{ file: "404.html", html: "<script>back()</script>" }]);
    expect(withScript).toContain(`'sha256-${hash("back()")}'`);
  });
});
