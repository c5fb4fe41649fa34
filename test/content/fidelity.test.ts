// The plan's words are all there: the same measurement as ../shared/tools/plan-fidelity.mjs,
// re-implemented here against the vendored copy of the seed (CI has no ../shared).
import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { correctionSchema } from "../../src/schemas/content";
import { CONTENT_DIR, PLAN_DIR, ROOT, SEED_PATH, keepHanAndDigits, readJson } from "./content-files";

/** SHA-256 of /work/shared/seed/000_8095d141c5b9cb9b.txt, taken when the fixture was vendored. */
const SHARED_SEED_SHA256 = "64d97a46fda25d455061798eaf545c1c891b33a38e29ed7bc29ae8647ae6f18d";
const SHARED_TOOL = join(ROOT, "../shared/tools/plan-fidelity.mjs");
const MIN_PERCENT = 99.5;

/** The tool's clauses: seed prose from the body's 第一章 on, table rows left out, cut at 。；！？ and line ends. */
function clauses(seed: string): string[] {
  const lines = seed.split("\n");
  const bodyStart = lines.findIndex((l, i) => i > 60 && l.startsWith("第一章"));
  return lines
    .slice(bodyStart)
    .filter((l) => !l.includes("\t"))
    .join("\n")
    .split(/[。；！？\n]/)
    .map(keepHanAndDigits)
    .filter((c) => c.length >= 8);
}

function measure(seed: string, content: string): { total: number; missing: string[]; percent: number } {
  const all = clauses(seed);
  const missing = all.filter((c) => !content.includes(c));
  return { total: all.length, missing, percent: (100 * (all.length - missing.length)) / all.length };
}

/** All files the tool reads, concatenated the way it does. */
function toolContent(dir: string): string {
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((name) => {
      const p = join(d, name);
      if (statSync(p).isDirectory()) return walk(p);
      return /\.(mdx?|json|ya?ml|astro)$/i.test(name) ? [p] : [];
    });
  return keepHanAndDigits(walk(dir).map((f) => readFileSync(f, "utf8")).join("\n"));
}

/** Only the chapter files: the corrections' and targets' excerpts must not count as the plan's text. */
const planText = (): string =>
  readdirSync(PLAN_DIR)
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => readFileSync(join(PLAN_DIR, f), "utf8"))
    .join("\n");

const seed = readFileSync(SEED_PATH, "utf8");
const corrections = (readJson("corrections.json") as unknown[]).map((c) => correctionSchema.parse(c));
/** The seed with the documented stray-word repairs applied ("and" → 和 changes a clause's characters). */
const repairedSeed = corrections.filter((c) => c.kind === "stray-word").reduce((s, c) => s.replace(c.before, c.after), seed);

describe("plan fidelity", () => {
  it("uses a fixture identical to the shared seed", () => {
    expect(createHash("sha256").update(readFileSync(SEED_PATH)).digest("hex")).toBe(SHARED_SEED_SHA256);
    const shared = join(ROOT, "../shared/seed/000_8095d141c5b9cb9b.txt");
    if (existsSync(shared)) expect(readFileSync(shared, "utf8")).toBe(seed);
  });

  it(`finds at least ${MIN_PERCENT}% of the seed's clauses in content/plan alone`, () => {
    const { total, percent } = measure(seed, keepHanAndDigits(planText()));
    expect(total).toBe(1374);
    expect(percent).toBeGreaterThanOrEqual(MIN_PERCENT);
  });

  it("misses no clause except where a listed stray-word repair changed it", () => {
    const content = keepHanAndDigits(planText());
    expect(measure(repairedSeed, content).missing).toEqual([]);
    // …and each clause missing against the raw seed is one of those repairs.
    const repaired = corrections.filter((c) => c.kind === "stray-word").map((c) => keepHanAndDigits(c.before));
    for (const m of measure(seed, content).missing) expect(repaired.some((r) => m.includes(r)), m).toBe(true);
  });

  it("keeps the clauses in the plan's order across the chapter files", () => {
    const content = keepHanAndDigits(planText());
    let at = 0;
    for (const c of clauses(repairedSeed)) {
      const found = content.indexOf(c, at);
      expect(found, `out of order or missing: ${c.slice(0, 30)}`).toBeGreaterThanOrEqual(0);
      at = found + c.length;
    }
  });

  it("keeps the notice and the preamble (before 第一章, which the tool does not measure)", () => {
    const lines = seed.split("\n");
    const front = keepHanAndDigits(readFileSync(join(PLAN_DIR, "00-front.md"), "utf8"));
    // Lines 3–17: the notice; 95 and 97: the plan's title and preamble. Cover (19–23) and contents are left out.
    for (const n of [3, 5, 7, 9, 11, 13, 15, 17, 95, 97]) expect(front, `seed line ${n}`).toContain(keepHanAndDigits(lines[n - 1]!));
  });

  it("agrees with the shared tool when it is there (it is not in CI)", () => {
    const ours = measure(seed, toolContent(CONTENT_DIR));
    expect(ours.percent).toBeGreaterThanOrEqual(MIN_PERCENT);
    if (!existsSync(SHARED_TOOL)) return;
    const run = spawnSync(process.execPath, [SHARED_TOOL, CONTENT_DIR, "--min", String(MIN_PERCENT), "--show", "0"], { encoding: "utf8" });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain(`plan-fidelity: ${ours.total - ours.missing.length}/${ours.total} clauses present (${ours.percent.toFixed(2)}%)`);
  });
});
