import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import {
  boxesOf,
  inlineText,
  parseChineseNumeral,
  parseInline,
  parsePlanMarkdown,
  PlanMarkdownError,
  sectionsOf,
  type PlanDocument,
} from "../../src/utils/plan-markdown";

const chapter = [
  "坚持转型为纲，**坚定不移**实施新经济发展战略。",
  "",
  "## 第一节 拉开城市发展骨架 {#section-1}",
  "",
  "——**坚持党的全面领导**。坚持和完善党领导经济社会发展的体制机制。",
  "",
  "### 一、加快数字化发展",
  "",
  "- 第一项",
  "- 第二项",
  "",
  ":::box 专栏3 城市品质提升工程",
  "1. **片区改造。**对中原街两侧片区进行改造。",
  "2. 便民服务设施。",
  "",
  "### 二、其他",
  "",
  "正文。",
  ":::",
  "",
  "## 第十二节 增强城市发展能级 {#section-12}",
  "",
  ":::box 专栏1 “十三五”规划主要指标实现情况 {table=thirteenth-plan}",
  ":::",
  "",
].join("\n");

function parseError(body: string, opts = {}): PlanMarkdownError {
  try {
    parsePlanMarkdown(body, opts);
  } catch (e) {
    expect(e).toBeInstanceOf(PlanMarkdownError);
    return e as PlanMarkdownError;
  }
  throw new Error(`expected a PlanMarkdownError for ${JSON.stringify(body)}`);
}

describe("parsePlanMarkdown: the subset", () => {
  const doc: PlanDocument = parsePlanMarkdown(chapter);

  it("keeps paragraphs before the first section as the intro, with bold runs", () => {
    expect(doc.intro).toEqual([
      {
        type: "paragraph",
        line: 1,
        children: [
          { type: "text", text: "坚持转型为纲，" },
          { type: "strong", text: "坚定不移" },
          { type: "text", text: "实施新经济发展战略。" },
        ],
      },
    ]);
  });

  it("reads section headings: label, number from Chinese numerals, title and id", () => {
    expect(doc.sections.map(({ label, number, title, id, line }) => ({ label, number, title, id, line }))).toEqual([
      { label: "第一节", number: 1, title: "拉开城市发展骨架", id: "section-1", line: 3 },
      { label: "第十二节", number: 12, title: "增强城市发展能级", id: "section-12", line: 21 },
    ]);
  });

  it("puts paragraphs, ### headings, lists and boxes in their section, in order", () => {
    const kinds = doc.sections[0]!.children.map((b) => b.type);
    expect(kinds).toEqual(["paragraph", "subheading", "list", "box"]);
    const list = doc.sections[0]!.children[2];
    expect(list).toMatchObject({ type: "list", ordered: false, items: [{ children: [{ text: "第一项" }] }, { children: [{ text: "第二项" }] }] });
  });

  it("reads a box with its number, title, ordered list with item numbers, sub-heading and paragraph", () => {
    const box = doc.sections[0]!.children[3];
    expect(box).toMatchObject({ type: "box", number: 3, title: "城市品质提升工程", line: 12 });
    if (box?.type !== "box") throw new Error("not a box");
    expect(box.table).toBeUndefined();
    expect(box.children.map((b) => b.type)).toEqual(["list", "subheading", "paragraph"]);
    const ol = box.children[0];
    if (ol?.type !== "list") throw new Error("not a list");
    expect(ol.ordered).toBe(true);
    expect(ol.items.map((i) => i.number)).toEqual([1, 2]);
    expect(ol.items[0]!.children).toEqual([
      { type: "strong", text: "片区改造。" },
      { type: "text", text: "对中原街两侧片区进行改造。" },
    ]);
  });

  it("reads a table box as a reference to content/indicators/<name>.json with no children", () => {
    const box = doc.sections[1]!.children[0];
    expect(box).toEqual({ type: "box", number: 1, title: "“十三五”规划主要指标实现情况", table: "thirteenth-plan", children: [], line: 23 });
  });

  it("lists every box in reading order", () => {
    expect(boxesOf(doc).map((b) => b.number)).toEqual([3, 1]);
  });

  it("accepts Windows line endings", () => {
    expect(parsePlanMarkdown(chapter.replace(/\n/g, "\r\n"))).toEqual(doc);
  });

  it("gives a body with no sections (the front matter) as intro only", () => {
    const front = parsePlanMarkdown("晋城市城区人民政府文件\n\n城政发〔2021〕8号\n");
    expect(front.sections).toEqual([]);
    expect(front.intro.map((b) => (b.type === "paragraph" ? inlineText(b.children) : b.type))).toEqual(["晋城市城区人民政府文件", "城政发〔2021〕8号"]);
  });

  it("starts a new list after a blank line", () => {
    const d = parsePlanMarkdown("- a\n\n- b\n");
    expect(d.intro.map((b) => b.type)).toEqual(["list", "list"]);
  });
});

describe("parsePlanMarkdown: rejects anything outside the subset, with the line number", () => {
  const cases: Array<[string, string, number, RegExp]> = [
    ["raw HTML", "正文\n\n<div>块</div>\n", 3, /raw HTML/],
    ["an HTML comment", "<!-- 注释 -->\n", 1, /raw HTML/],
    ["a link", "见[说明](https://example.com)。\n", 1, /links/],
    ["an image", "![图](a.png)\n", 1, /links and images/],
    ["a paragraph broken over two lines", "第一行\n第二行\n", 2, /a paragraph is one line/],
    ["text directly under a list", "- 项\n续行\n", 2, /directly under a list/],
    ["a list glued to a paragraph", "段落\n- 项\n", 2, /blank line/],
    ["unbalanced bold", "——**坚持党的全面领导。\n", 1, /unbalanced \*\*/],
    ["empty bold", "空****粗体\n", 1, /empty bold/],
    ["single-asterisk emphasis", "这是*强调*。\n", 1, /single \*/],
    ["a level-1 heading", "# 标题\n", 1, /only `## 第X节/],
    ["a level-4 heading", "#### 标题\n", 1, /only `## 第X节/],
    ["a section heading without {#id}", "## 第一节 指导思想\n", 1, /第X节 标题 \{#id\}/],
    ["a section heading with a bad id", "## 第一节 指导思想 {#Section_1}\n", 1, /第X节 标题 \{#id\}/],
    ["a section heading not 第X节", "## 指导思想 {#section-1}\n", 1, /第X节/],
    ["a duplicate section id", "## 第一节 甲 {#section-1}\n\n## 第二节 乙 {#section-1}\n", 3, /duplicate section id/],
    ["an unclosed box", "## 第一节 甲 {#s1}\n\n:::box 专栏3 工程\n- 项\n", 3, /never closed/],
    ["a nested box", ":::box 专栏3 甲\n:::box 专栏4 乙\n:::\n:::\n", 2, /cannot nest/],
    ["a stray :::", "正文\n:::\n", 2, /closes nothing/],
    ["a box without 专栏N", ":::box 城市品质提升工程\n:::\n", 1, /:::box 专栏N/],
    ["a box with a space in 专栏 3", ":::box 专栏 3 工程\n:::\n", 1, /:::box 专栏N/],
    ["another ::: directive", ":::note 专栏3 工程\n:::\n", 1, /:::box 专栏N/],
    ["a section heading inside a box", ":::box 专栏3 甲\n## 第一节 乙 {#section-1}\n:::\n", 2, /inside 专栏3/],
    ["content inside a table box", ":::box 专栏1 指标 {table=thirteenth-plan}\n正文\n:::\n", 2, /must be empty/],
    ["a list inside a table box", ":::box 专栏1 指标 {table=thirteenth-plan}\n- 项\n:::\n", 2, /must be empty/],
    ["mixed ordered and unordered items", "1. 甲\n- 乙\n", 2, /cannot mix/],
    ["a blockquote", "> 引文\n", 1, /outside the plan's subset/],
    ["a table row", "| a | b |\n", 1, /outside the plan's subset/],
    ["a * bullet", "* 项\n", 1, /outside the plan's subset/],
    ["a thematic break", "甲\n\n---\n", 3, /outside the plan's subset/],
    ["a list marker without a space", "-项\n", 1, /one space/],
    ["an indented line", "  缩进\n", 1, /must not start with spaces/],
    ["a tab-indented line", "\t缩进\n", 1, /must not start with spaces/],
    ["trailing spaces (a Markdown hard break)", "正文  \n", 1, /trailing spaces/],
    ["a whitespace-only line", "甲\n \n乙\n", 2, /blank line must be empty/],
    ["a backslash escape", "1\\. 不是列表\n", 1, /backslash/],
    ["a code span", "用`代码`\n", 1, /code spans/],
  ];
  for (const [what, body, line, message] of cases) {
    it(`rejects ${what}`, () => {
      const err = parseError(body);
      expect(err.line).toBe(line);
      expect(err.message).toMatch(message);
    });
  }

  it("reports the file's line, counting the front matter, and names the file", () => {
    const err = parseError("正文\n\n<b>x</b>\n", { lineOffset: 7, source: "content/plan/03-twin-cores.md" });
    expect(err.line).toBe(10);
    expect(err.message).toMatch(/^content\/plan\/03-twin-cores\.md:10: /);
  });
});

describe("sectionsOf", () => {
  it("lists a chapter's sections from its headings", () => {
    const doc = parsePlanMarkdown("引言。\n\n## 第一节 拉开城市发展骨架 {#section-1}\n\n正文。\n\n## 第二节 增强城市发展能级 {#section-2}\n\n正文。\n");
    expect(sectionsOf(doc)).toEqual([
      { number: 1, title: "拉开城市发展骨架", id: "section-1" },
      { number: 2, title: "增强城市发展能级", id: "section-2" },
    ]);
    expect(sectionsOf(parsePlanMarkdown("只有引言。\n"))).toEqual([]);
  });
  it("rejects sections out of order, with the heading's line", () => {
    const err = (() => {
      try {
        sectionsOf(parsePlanMarkdown(chapter), "content/plan/03-twin-cores.md");
      } catch (e) {
        return e as PlanMarkdownError;
      }
      throw new Error("no error");
    })();
    expect(err.line).toBe(21);
    expect(err.message).toMatch(/^content\/plan\/03-twin-cores\.md:21: 第十二节 is section 2/);
  });
});

describe("parseChineseNumeral", () => {
  it.each([
    ["一", 1],
    ["九", 9],
    ["十", 10],
    ["十三", 13],
    ["二十", 20],
    ["二十二", 22],
    ["九十九", 99],
  ])("%s → %d", (text, n) => expect(parseChineseNumeral(text)).toBe(n));
  it.each(["", "零", "十十", "一一", "百", "1"])("rejects %j", (text) => expect(parseChineseNumeral(text)).toBeNull());
});

describe("parseInline", () => {
  it("keeps a bold run at the start and the end", () => {
    expect(parseInline("**甲**乙**丙**", 1)).toEqual([
      { type: "strong", text: "甲" },
      { type: "text", text: "乙" },
      { type: "strong", text: "丙" },
    ]);
  });
  it("allows < and > that are not tags (≤ in numbers, 5<10)", () => {
    expect(parseInline("PM2.5<35 且 >0", 1)).toEqual([{ type: "text", text: "PM2.5<35 且 >0" }]);
  });
  it("rejects bold with inner spaces at its edges", () => {
    expect(() => parseInline("** 甲**", 4)).toThrow(/line 4: bold text must not start or end with a space/);
  });
});

// The fixtures the site tests build against must themselves be valid, or a site test would be
// testing the fallback of a broken file.
describe("fixture chapters parse", () => {
  const dir = join(import.meta.dirname, "../fixtures/content/plan");
  const files = readdirSync(dir).filter((f) => f.endsWith(".md"));
  it("has fixture chapters", () => expect(files.length).toBeGreaterThan(0));
  for (const f of files) {
    it(`${f} parses`, () => {
      const raw = readFileSync(join(dir, f), "utf8");
      const body = raw.replace(/^---\n[\s\S]*?\n---\n/, "");
      expect(() => parsePlanMarkdown(body, { source: f })).not.toThrow();
    });
  }
});
