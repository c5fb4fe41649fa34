import { describe, expect, it } from "vitest";
import { pagefindQueries, safeExcerpt } from "../../src/utils/search-client";

describe("safeExcerpt", () => {
  it("keeps Pagefind's <mark> around hits", () => {
    expect(safeExcerpt("积极发展<mark>康养</mark>产业")).toBe("积极发展<mark>康养</mark>产业");
  });
  it("drops any other markup", () => {
    expect(safeExcerpt('<img src=x onerror="alert(1)">甲<b>乙</b><script>丙</script>')).toBe("甲乙丙");
    expect(safeExcerpt('<mark class="x">甲</mark>')).toBe("甲</mark>");
  });
  it("keeps escaped entities and escapes a bare &", () => {
    expect(safeExcerpt("A &amp; B &lt;c&gt; & D")).toBe("A &amp; B &lt;c&gt; &amp; D");
  });
});

describe("pagefindQueries", () => {
  it("searches one Chinese term as a phrase first, then as words", () => {
    expect(pagefindQueries(" 康养 ")).toEqual(['"康养"', "康养"]);
    expect(pagefindQueries("5G基站")).toEqual(['"5G基站"', "5G基站"]);
  });
  it("leaves queries with spaces, quotes or no Chinese as typed", () => {
    expect(pagefindQueries("康养 产业")).toEqual(["康养 产业"]);
    expect(pagefindQueries('"康养"')).toEqual(['"康养"']);
    expect(pagefindQueries("GDP")).toEqual(["GDP"]);
  });
  it("asks nothing for an empty query", () => {
    expect(pagefindQueries("  ")).toEqual([]);
  });
});
