// The plan's Markdown plugins (src/markdown/), run through the renderer Astro builds the site
// with (@astrojs/markdown-satteri, heading ids included). Each case is a small Markdown fixture
// and the HTML the subset's spec (docs/content-format.md) says it becomes, written by hand.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createSatteriMarkdownProcessor } from "@astrojs/markdown-satteri";
import { planMarkdown, PlanMarkdownError, splitAtSlots } from "../../src/markdown";

const sectionLinks = [{ chapter: "demo", section: "section-2", after: "人口增加到 100 万" }];
const renderer = createSatteriMarkdownProcessor(planMarkdown({ sectionLinks }));

async function render(lines: string[], opts: { slug?: string; fileURL?: URL } = {}) {
  const r = await renderer;
  return r.render(lines.join("\n"), { frontmatter: { slug: opts.slug ?? "demo" }, fileURL: opts.fileURL });
}
/** The rendered HTML; the serializer ends it with a line break, which the page keeps (it is whitespace between blocks). */
const html = async (lines: string[], opts?: { slug?: string }) => (await render(lines, opts)).code.replace(/\n$/, "");

async function renderError(lines: string[], opts?: { fileURL?: URL }): Promise<PlanMarkdownError> {
  try {
    await render(lines, opts);
  } catch (e) {
    expect(e).toBeInstanceOf(PlanMarkdownError);
    return e as PlanMarkdownError;
  }
  throw new Error(`expected a PlanMarkdownError for ${JSON.stringify(lines)}`);
}

const anchor = (id: string, heading: string) => `<a class="section-anchor" href="#${id}" aria-label="本节链接：${heading}" data-pagefind-ignore>#</a>`;

describe("plan Markdown: text", () => {
  it("makes each line a paragraph and **…** bold, also next to Chinese punctuation", async () => {
    expect(await html(["——**坚持党的全面领导**。坚持和完善党领导经济社会发展的体制机制。", "", "**片区改造。**在新规划体系引领下进行改造。"])).toBe(
      '<p>——<strong>坚持党的全面领导</strong>。坚持和完善党领导经济社会发展的体制<span class="nobr">机制。</span></p><p><strong>片区改造。</strong>在新规划体系引领下进行<span class="nobr">改造。</span></p>',
    );
  });

  it("keeps ratios and other colons as written (not read as directives)", async () => {
    expect(await html(["三次产业比例由 0.4:34.8:64.8 调整为 0.1:28.7:71.2。"])).toBe("<p>三次产业比例由 0.4:34.8:64.8 调整为 0.1:28.7:71.2。</p>");
  });

  it("keeps straight punctuation as written (no smart quotes or dashes)", async () => {
    expect(await html(["2020--2025 年 ... 完成。"])).toBe('<p>2020--2025 年 ... <span class="nobr">完成。</span></p>');
  });

  it("writes lists as the plan numbers them", async () => {
    expect(await html(["- 第一项", "- **第二项**说明", "", "3. 第三", "4. 第四"])).toBe(
      '<ul><li>第一项</li><li><strong>第二项</strong>说明</li></ul><ol start="3"><li>第三</li><li>第四</li></ol>',
    );
  });
});

describe("plan Markdown: a paragraph's last two characters stay together", () => {
  const kept = (s: string) => `<span class="nobr">${s}</span>`;
  it("keeps the last two Chinese characters and the punctuation after them on one line, also inside a closing bold run", async () => {
    expect(await html(["全面建成小康社会取得决定性成就。"])).toBe(`<p>全面建成小康社会取得决定性${kept("成就。")}</p>`);
    expect(await html(["总结“十三五”"])).toBe(`<p>总结“十${kept("三五”")}</p>`);
    expect(await html(["- **推进智慧交通系统和监管平台项目建设。**"])).toBe(`<ul><li><strong>推进智慧交通系统和监管平台项目${kept("建设。")}</strong></li></ul>`);
    expect(await html(["- 推进新能源充电站项目", "- 南村园区能源互联网服务平台建设。"])).toBe(`<ul><li>推进新能源充电站${kept("项目")}</li><li>南村园区能源互联网服务平台${kept("建设。")}</li></ul>`);
  });
  it("counts a number as one character, and leaves alone what cannot end in one: a word of two, a short item", async () => {
    expect(await html(["人口增加到 100 万。", "", "加快布局 5G", "", "- 第一项"])).toBe(
      `<p>人口增加到 ${kept("100 万。")}</p><p>加快布局 5G</p><ul><li>第一项</li></ul>`,
    );
  });
  it("is for the plan's chapters only", async () => {
    const r = await renderer;
    const out = await r.render("数据来源说明文字。", { fileURL: pathToFileURL("/tmp/site/content/data/SOURCES.md") });
    expect(out.code).toBe("<p>数据来源说明文字。</p>\n");
  });
});

describe("plan Markdown: sections, sub-headings and boxes", () => {
  const chapter = [
    "开篇段落。",
    "",
    "## 第一节 拉开城市发展骨架 {#section-1}",
    "",
    "### 一、加快数字化发展",
    "",
    "节内段落。",
    "",
    ":::box 专栏3 城市品质提升工程",
    "1. **片区改造。**对中原街两侧片区进行改造。",
    "",
    "### 二、其他",
    "",
    "框内段落。",
    ":::",
    "",
    "## 第二节 增强城市发展能级 {#section-2}",
    "",
    "建成区面积扩展到 100 平方公里，人口增加到 100 万。",
    "",
    "随后一段。",
    "",
    ":::box 专栏1 “十三五”规划主要指标实现情况 {table=thirteenth-plan}",
    ":::",
  ];

  it("wraps each 第X节 and what follows in a section whose heading links to itself", async () => {
    expect(await html(chapter)).toBe(
      [
        '<p>开篇<span class="nobr">段落。</span></p>',
        '<section class="plan-section" aria-labelledby="section-1-title">',
        `<h2 id="section-1"><span id="section-1-title">第一节 拉开城市发展<span class="nobr">骨架</span></span>${anchor("section-1", "第一节 拉开城市发展骨架")}</h2>`,
        '<h3 class="subheading">一、加快数字化<span class="nobr">发展</span></h3>',
        '<p>节内<span class="nobr">段落。</span></p>',
        '<section class="box" id="box-3" aria-labelledby="box-3-title">',
        '<h3 class="box-title" id="box-3-title"><span class="box-label">专栏3</span><span class="box-name">城市品质提升<span class="nobr">工程</span></span></h3>',
        '<div class="box-body"><ol><li><strong>片区改造。</strong>对中原街两侧片区进行<span class="nobr">改造。</span></li></ol><h4 class="subheading">二、<span class="nobr">其他</span></h4><p>框内<span class="nobr">段落。</span></p></div>',
        "</section>",
        "</section>",
        '<section class="plan-section" aria-labelledby="section-2-title">',
        `<h2 id="section-2"><span id="section-2-title">第二节 增强城市发展<span class="nobr">能级</span></span>${anchor("section-2", "第二节 增强城市发展能级")}</h2>`,
        '<p>建成区面积扩展到 100 平方公里，人口增加到 <span class="nobr">100 万。</span></p>',
        '<plan-slot data-kind="sim-links" data-section="section-2"></plan-slot>',
        '<p>随后<span class="nobr">一段。</span></p>',
        '<section class="box" id="box-1" aria-labelledby="box-1-title">',
        '<h3 class="box-title" id="box-1-title"><span class="box-label">专栏1</span><span class="box-name">“十三五”规划主要指标实现<span class="nobr">情况</span></span></h3>',
        '<div class="box-body"><plan-slot data-kind="table" data-table="thirteenth-plan" data-box="1" data-line="23" data-section="section-2"></plan-slot></div>',
        "</section>",
        "</section>",
      ].join(""),
    );
  });

  it("lists the sections and boxes as the page's headings (sub-headings have no anchor)", async () => {
    expect((await render(chapter)).metadata.headings).toEqual([
      { depth: 2, slug: "section-1", text: "第一节 拉开城市发展骨架" },
      { depth: 3, slug: "box-3-title", text: "专栏3城市品质提升工程" },
      { depth: 2, slug: "section-2", text: "第二节 增强城市发展能级" },
      { depth: 3, slug: "box-1-title", text: "专栏1“十三五”规划主要指标实现情况" },
    ]);
  });

  it("puts simulator links only in the chapter they name", async () => {
    expect(await html(chapter, { slug: "other" })).not.toContain('data-kind="sim-links"');
  });

  it("fails when a simulator link's words are in no paragraph of its section", async () => {
    const lines = ["## 第一节 甲 {#section-1}", "", "正文。", "", "## 第二节 乙 {#section-2}", "", "没有那句话。"];
    const e = await renderError(lines);
    expect(e.line).toBe(5);
    expect(e.message).toContain("no paragraph of demo#section-2 has the words “人口增加到 100 万”");
  });

  it("splits the HTML at its slots for the page", async () => {
    const parts = splitAtSlots(await html(chapter));
    expect(parts.filter((p) => p.type === "slot")).toEqual([
      { type: "slot", slot: { kind: "sim-links", section: "section-2" } },
      { type: "slot", slot: { kind: "table", table: "thirteenth-plan", box: "1", line: "23", section: "section-2" } },
    ]);
    expect(parts.map((p) => (p.type === "html" ? p.html : "")).join("")).not.toContain("plan-slot");
  });
});

describe("plan Markdown: anything outside the subset fails with its line", () => {
  const cases: Array<[string, string[], number, RegExp]> = [
    ["raw HTML", ["第一段。", "", "有<b>粗体</b>。"], 3, /raw HTML/],
    ["a paragraph over two lines", ["第一行", "第二行"], 1, /a paragraph is one line/],
    ["a link", ["见[此处](https://example.com)。"], 1, /links and images/],
    ["a code span", ["用 `代码`。"], 1, /code spans/],
    ["a backslash escape", ["星号 \\* 号。"], 1, /backslash/],
    ["a character reference", ["甲&amp;乙。"], 1, /character references/],
    ["a blockquote", ["> 引文"], 1, /outside the plan's subset/],
    ["a single *", ["一个*星号。"], 1, /single \*/],
    ["unbalanced **", ["**未闭合。"], 1, /unbalanced \*\*/],
    ["bold starting with a space", ["** 粗体**。"], 1, /must not start or end with a space/],
    ["a blank line with spaces", ["甲。", "  ", "乙。"], 2, /blank line must be empty/],
    ["trailing spaces", ["甲。  "], 1, /trailing spaces/],
    ["an indented line", ["甲。", "", "    乙。"], 3, /must not start with spaces/],
    ["a # heading", ["# 标题"], 1, /only `## 第X节 …` and `### …` headings/],
    ["a section heading without its id", ["## 第一节 标题"], 1, /must read `## 第X节 标题 \{#id\}`/],
    ["sections out of order", ["## 第一节 甲 {#section-1}", "", "## 第三节 丙 {#section-3}"], 3, /第三节 is section 2/],
    ["a section id used twice", ["## 第一节 甲 {#section-1}", "", "## 第二节 乙 {#section-1}"], 3, /duplicate section id/],
    ["a list right under a paragraph", ["段落。", "- 项"], 2, /blank line/],
    ["ordered and unordered items in one run", ["- 甲", "1. 乙"], 2, /cannot mix/],
    ["text right under a list item", ["- 甲", "续行"], 1, /a list item is one line/],
    ["a list the parser would renumber", ["1. 甲", "3. 乙"], 2, /item 3 would be shown as 2/],
    ["a loose list", ["- 甲", "", "- 乙"], 1, /consecutive lines/],
    ["a list marker without its space", ["-甲"], 1, /needs one space/],
    ["an unclosed box", [":::box 专栏3 标题", "正文。"], 1, /never closed/],
    ["nested boxes", [":::box 专栏3 甲", ":::box 专栏4 乙", "正文。", ":::", ":::"], 2, /cannot nest/],
    ["a stray :::", ["正文。", "", ":::"], 3, /closes nothing/],
    ["another directive", [":::note 注意", ":::"], 1, /a box must open with/],
    ["text in a table box", [":::box 专栏1 指标 {table=thirteenth-plan}", "正文。", ":::"], 2, /indicator table box and must be empty/],
    ["a section inside a box", [":::box 专栏3 甲", "## 第一节 乙 {#section-1}", ":::"], 2, /section heading inside 专栏3/],
  ];
  it.each(cases)("%s", async (_name, lines, line, message) => {
    const e = await renderError(lines);
    expect(e.line).toBe(line);
    expect(e.message).toMatch(message);
  });

  it("names the file and the file's line (front matter counted) for a chapter file", async () => {
    const file = join(import.meta.dirname, "../fixtures/markdown/content/plan/01-bad.md");
    const body = readFileSync(file, "utf8").replace(/^---\n[\s\S]*?\n---\n/, "").trim();
    const r = await renderer;
    await expect(r.render(body, { frontmatter: { slug: "bad" }, fileURL: pathToFileURL(file) })).rejects.toThrow(
      "test/fixtures/markdown/content/plan/01-bad.md:11: raw HTML is not allowed",
    );
  });

  it("leaves Markdown outside content/plan/ to Astro's defaults", async () => {
    const r = await renderer;
    const out = await r.render('# Sources\n\n"Quoted" -- with <b>HTML</b>', { fileURL: pathToFileURL("/tmp/site/content/data/SOURCES.md") });
    expect(out.code).toBe('<h1 id="sources">Sources</h1>\n<p>“Quoted” – with <b>HTML</b></p>\n');
  });
});
