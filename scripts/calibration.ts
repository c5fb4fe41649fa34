// Calibration report: every figure the district reported, the “reported” preset's value and
// the difference, against the figure's published rounding; then the deflator evidence and the
// verdicts that hang on it. Printed by `npm run bench:engine` before the timings.
import { deflatorDefault, deflatorRange, deflatorVerdictFlips, presets, priceEvidence, project } from "../src/lib/model";
import { calibration } from "../src/lib/scenario/calibration";
import { printTable } from "./lib.mjs";

const reported = presets.find((p) => p.id === "reported")!;
const r = project(reported.scenario);
if (!r.ok) throw new Error(JSON.stringify(r.issues));
const rows = calibration(r.projection);

printTable(
  "Calibration: reported figures (content/data/chengqu.csv) against the “reported” preset",
  rows.map((c) => ({
    year: c.year,
    figure: c.indicator,
    reported: c.reported.toFixed(c.decimals),
    preset: c.model.toFixed(c.decimals + 2),
    difference: c.difference.toExponential(2),
    "published rounding": `±${c.rounding}`,
    result: c.withinRounding ? "within" : "OUTSIDE",
    source: c.weakSource ? "weak" : "official",
  })),
);

printTable(
  `GDP deflator evidence (default ${deflatorDefault} %, plausible range ${deflatorRange.low} … ${deflatorRange.high} %)`,
  priceEvidence.map((e) => ({ evidence: e.en, "% a year": e.value })),
);

printTable(
  "Target verdicts that flip within the deflator range",
  presets.flatMap((p) =>
    deflatorVerdictFlips(p.scenario).map((f) => ({ preset: p.id, target: f.targetId, "flips at deflator": `${f.threshold.toFixed(2)} %`, "met when": f.metWhen })),
  ),
);

const outside = rows.filter((c) => !c.withinRounding);
if (outside.length > 0) {
  console.log(`\n${outside.length} reported figure(s) outside their rounding.`);
  if (process.argv.includes("--strict")) process.exitCode = 1;
}
