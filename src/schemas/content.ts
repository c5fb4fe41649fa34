// Schemas of the plan's content in content/. Shared by src/content.config.ts (Astro's
// content collections) and the content tests, so both check the same rules.
import { z } from "astro/zod";
import { COMPARATORS, TARGET_METRICS } from "../lib/data/target-kinds";

/** A readable, stable slug: lowercase ASCII words joined by hyphens. */
const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);

export const chapterSchema = z.object({
  /** 0 is the front matter (the notice 城政发〔2021〕8号 and the preamble); 1–13 are 第一章–第十三章. */
  number: z.number().int().min(0).max(13),
  title: z.string().min(1),
  slug,
  /** One or two sentences built from the chapter's own words. */
  summary: z.string().min(10).max(300),
  // Sections are not listed here: they are the body's `## 第X节 标题 {#id}` headings.
});
export type ChapterData = z.infer<typeof chapterSchema>;

/**
 * One table cell. `text` is always the seed's cell text (with extraction damage repaired);
 * `value` is set only where the text is a number, read as written ("7.90%" → 7.9,
 * "≥20" → 20 with qualifier "≥", "〔4〕" → 4 with cumulative true). "—", "0/1" and
 * "均控制在市下达的指标之内" have no value.
 */
export const cellSchema = z
  .object({
    text: z.string(),
    value: z.number().finite().optional(),
    qualifier: z.enum([">", "≥", "<", "≤"]).optional(),
    /** 〔…〕 marks a cumulative change over the period rather than an annual rate. */
    cumulative: z.boolean().optional(),
  })
  .strict();
export type Cell = z.infer<typeof cellSchema>;

export const indicatorRowSchema = z
  .object({
    /** Stable id used for links and by the simulator, e.g. "gdp", "urban-income". */
    id: slug,
    category: z.string().min(1),
    /** 序号; null for the sub-rows that share their parent's number (e.g. PM2.5 under 14). */
    number: z.number().int().min(1).nullable(),
    name: z.string().min(1),
    unit: z.string(),
    /** Keyed by the table's column keys. */
    cells: z.record(z.string(), cellSchema),
    attribute: z.enum(["预期性", "约束性"]),
    note: z.string(),
  })
  .strict();
export type IndicatorRow = z.infer<typeof indicatorRowSchema>;

export const indicatorTableSchema = z
  .object({
    /** 专栏 number: 1 or 2. */
    box: z.number().int().min(1).max(22),
    title: z.string().min(1),
    /** Chapter slug and section id where the box stands in the plan. */
    chapter: slug,
    section: slug,
    columns: z.array(z.object({ key: z.string(), label: z.string(), year: z.number().int().optional() }).strict()),
    rows: z.array(indicatorRowSchema).min(1),
  })
  .strict();
export type IndicatorTable = z.infer<typeof indicatorTableSchema>;

/** Every repair of extraction damage, shown on /about/. */
export const correctionSchema = z
  .object({
    id: z.string(),
    /** Chapter slug (or "front") and, where it helps, the section or box. */
    where: z.string().min(1),
    kind: z.enum(["paragraph-join", "table-header-join", "html-to-list", "stray-word", "table-cell-join", "other"]),
    before: z.string(),
    after: z.string(),
  })
  .strict();
export type Correction = z.infer<typeof correctionSchema>;

/** A quantified target of the plan, with the words it comes from. */
export const targetSchema = z
  .object({
    id: slug,
    /** Short, our words; the plan's own words are in `quote`. */
    label: z.string().min(1).max(40),
    /** How this site reads the target (which series stands for it, what the table adds). */
    note: z.string().min(1).optional(),
    year: z.number().int(),
    /** What the target constrains, in the simulator's terms. */
    metric: z.enum(TARGET_METRICS),
    comparator: z.enum(COMPARATORS),
    value: z.number().finite(),
    unit: z.string(),
    /** The plan's words, verbatim. */
    quote: z.string().min(1),
    chapter: slug,
    section: slug.optional(),
  })
  .strict();
export type Target = z.infer<typeof targetSchema>;
