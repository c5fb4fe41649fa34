import { defineCollection } from "astro:content";
import { glob, file } from "astro/loaders";
import { chapterSchema, indicatorTableSchema, correctionSchema, targetSchema } from "./schemas/content";

// The plan lives in the top-level content/ folder (not src/content/) so that it reads as data
// that the reader and the simulator share.
const chapters = defineCollection({
  loader: glob({ base: "./content/plan", pattern: "*.md" }),
  schema: chapterSchema,
});

const indicators = defineCollection({
  loader: glob({ base: "./content/indicators", pattern: "*.json" }),
  schema: indicatorTableSchema,
});

const corrections = defineCollection({
  loader: file("./content/corrections.json"),
  schema: correctionSchema,
});

const targets = defineCollection({
  loader: file("./content/targets.json"),
  schema: targetSchema,
});

export const collections = { chapters, indicators, corrections, targets };
