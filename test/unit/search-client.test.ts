import { describe, expect, it } from "vitest";
import { highlight, pagefindQueries, readable, safeExcerpt, searchTerms, sectionHits } from "../../src/utils/search-client";

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

describe("searchTerms", () => {
  it("splits at spaces, drops quotes, longest first", () => {
    expect(searchTerms(' "康养"  康养产业 ')).toEqual(["康养产业", "康养"]);
    expect(searchTerms("GDP 增速")).toEqual(["GDP", "增速"]);
    expect(searchTerms("  ")).toEqual([]);
  });
});

describe("highlight", () => {
  it("marks each whole term once and escapes the rest", () => {
    expect(highlight("旅游康养、<康养>", ["康养"])).toBe("旅游<mark>康养</mark>、&lt;<mark>康养</mark>&gt;");
  });
  it("matches Latin terms whatever their case", () => {
    expect(highlight("GDP 与 gdp", ["gdp"])).toBe("<mark>GDP</mark> 与 <mark>gdp</mark>");
  });
  it("does not mark part of a term as another term", () => {
    expect(highlight("健康养老", ["康养"])).toBe("健<mark>康养</mark>老");
    expect(highlight("健康、养老", ["康养"])).toBe("健康、养老");
  });
});

describe("sectionHits", () => {
  // A page as Pagefind returns it: text with ". " after headings, h2 anchors with their text.
  const page = {
    url: "/plan/six-new/",
    content: "第四章. 导语提到旅游康养。 第一节 新经济. 医疗健康与养老。 第二节 康养产业. 大力实施“康养+”战略，推动康养产业。",
    anchors: [
      { element: "h2", id: "section-1", text: "第一节 新经济", location: 5 },
      { element: "h3", id: "box-4-title", text: "专栏4 不是小节", location: 7 },
      { element: "h2", id: "section-2", text: "第二节 康养产业", location: 10 },
    ],
  };
  it("lists every section with a whole-term hit, with its own link and count, and the intro", () => {
    const hits = sectionHits(page, ["康养"]);
    expect(hits.map((h) => [h.url, h.title, h.count])).toEqual([
      ["/plan/six-new/", "", 1],
      ["/plan/six-new/#section-2", "第二节 康养产业", 3],
    ]);
  });
  it("excerpts the text under the heading, hits highlighted whole", () => {
    const section = sectionHits(page, ["康养"])[1]!;
    expect(section.excerpt).toBe("大力实施“<mark>康养</mark>+”战略，推动<mark>康养</mark>产业。");
  });
  it("cuts long text around the first hit without splitting a hit", () => {
    const long = { url: "/x/", anchors: [], content: "甲".repeat(50) + "康养" + "乙".repeat(57) + "康养" + "丙".repeat(30) };
    const [hit] = sectionHits(long, ["康养"]);
    expect(hit!.excerpt.startsWith("…" + "甲".repeat(20) + "<mark>康养</mark>")).toBe(true);
    // 60 characters from the first hit would end inside the second one: the cut moves past it.
    expect(hit!.excerpt.endsWith("乙".repeat(57) + "<mark>康养</mark>…")).toBe(true);
  });
  it("finds nothing when no term is whole in the text", () => {
    expect(sectionHits(page, ["康体"])).toEqual([]);
  });
});

describe("readable", () => {
  it("turns Pagefind's block separator after Chinese text into a full stop, leaving numbers alone", () => {
    expect(readable("专栏4 新基建项目. 新能源充电站。 2.77. 3")).toBe("专栏4 新基建项目。新能源充电站。 2.77. 3");
  });
});
