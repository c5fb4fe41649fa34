// Reads the committed content files and the seed the way the content tests need them. Kept
// deliberately independent of scripts/convert-seed.mjs, so the tests check the content rather
// than re-running the code that wrote it.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";

export const ROOT = join(import.meta.dirname, "../..");
export const CONTENT_DIR = join(ROOT, "content");
export const PLAN_DIR = join(CONTENT_DIR, "plan");
/** Identical copy of the shared seed (the plan's extracted text); CI has no ../shared. */
export const SEED_PATH = join(ROOT, "test/fixtures/plan-seed.txt");

export const seedText = (): string => readFileSync(SEED_PATH, "utf8");
export const seedLines = (): string[] => seedText().split("\n");

export interface PlanFile {
  file: string;
  /** Parsed YAML front matter (unvalidated). */
  data: unknown;
  body: string;
  /** Number of lines before the body, for error messages. */
  bodyOffset: number;
}

export function planFiles(): PlanFile[] {
  return readdirSync(PLAN_DIR)
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((file) => {
      const text = readFileSync(join(PLAN_DIR, file), "utf8");
      const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
      if (!m) throw new Error(`${file}: no YAML front matter between --- lines`);
      return { file, data: parseYaml(m[1]!), body: m[2]!, bodyOffset: m[1]!.split("\n").length + 2 };
    });
}

const NUMERALS = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五"];
/** `## 第X节 标题 {#id}`: the line that makes a section. */
export const SECTION_LINE = /^## 第([一二三四五六七八九十]+)节 (.+) \{#([a-z0-9]+(?:-[a-z0-9]+)*)\}$/;

/** A chapter's sections as its `## ` lines give them (number from the numeral, title, id). Lines that do not match are left out. */
export function sectionHeadings(body: string): Array<{ number: number; title: string; id: string }> {
  return body
    .split("\n")
    .map((l) => SECTION_LINE.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ number: NUMERALS.indexOf(m[1]!), title: m[2]!, id: m[3]! }));
}

export const readJson = (rel: string): unknown => JSON.parse(readFileSync(join(CONTENT_DIR, rel), "utf8"));

/** What plan-fidelity.mjs compares: Chinese characters and digits only. */
export const keepHanAndDigits = (s: string): string => s.replace(/[^\u3400-\u9fff0-9]/g, "");
