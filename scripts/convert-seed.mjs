#!/usr/bin/env node
// One-off converter: turns the extracted plan text (test/fixtures/plan-seed.txt) into the
// content files (content/plan/*.md, content/indicators/*.json, content/corrections.json).
// Every repair of extraction damage is decided here explicitly (by seed line number) and
// recorded as a correction, so nothing is changed silently. The committed content files are
// the product and were reviewed by hand; re-running this script must reproduce them exactly
// (`node scripts/convert-seed.mjs --check` exits 1 when they differ).
//
// Usage: node scripts/convert-seed.mjs [--check]
import { readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const seed = readFileSync(join(root, "test/fixtures/plan-seed.txt"), "utf8").split("\n");
/** 1-based seed line. */
const L = (n) => {
  const s = seed[n - 1];
  if (s === undefined) throw new Error(`no seed line ${n}`);
  return s;
};
const check = process.argv.includes("--check");

// ---------------------------------------------------------------------------------------------
// Chapters: slug, summary (built from the chapter's own words). Titles come from the seed.

const CHAPTERS = {
  1: {
    slug: "new-journey",
    summary:
      "“十四五”时期是实现“转型出雏型”、加快高质量高速度发展的关键期；“十三五”规划确定的主要目标任务圆满实现，经过十五年的超常规努力发展，与全国、全省、全市同步基本实现现代化。",
  },
  2: {
    slug: "guiding-principles",
    summary:
      "以推动高质量高速度转型发展为主题，全面打造“晋城新经济的核心区，中原城市群的核心城”，确保“十四五”转型出雏型；“十四五”GDP 年均增速达到 9% 以上。",
  },
  3: {
    slug: "twin-cores",
    summary:
      "深入实施城市空间发展战略，构建城市“双核”的空间支撑体系和动力系统：精心打造“大十字”发展轴，推动百万人口、百平方公里的“双百”城市建设。",
  },
  4: {
    slug: "six-new",
    summary:
      "精准聚力“六新”引领，着力培育战略性新兴产业和未来产业，大力改造提升传统优势产业，加快发展现代服务业，全面构建现代产业体系，全力建设“五大中心”。",
  },
  5: {
    slug: "innovation",
    summary:
      "坚持把创新驱动放在转型发展全局中的核心位置，深入实施创新驱动发展、科教兴区、人才强区战略，不断搭建创新平台、强化创新能力、完善创新链条、优化创新环境。",
  },
  6: {
    slug: "rural-revitalisation",
    summary:
      "全面巩固拓展脱贫攻坚成果，提高农业质量效益和竞争力，实现农业高质高效、乡村宜居宜业、农民富裕富足，争做全省乡村振兴先行示范区样板。",
  },
  7: {
    slug: "domestic-demand",
    summary:
      "紧紧围绕基础设施建设、消费新模式、现代商贸物流产业链，深度参与京津冀、中原经济群等国家战略，全力融入“双循环”新发展格局。",
  },
  8: {
    slug: "reform-opening",
    summary:
      "向改革要动力，向开放要活力：树牢“服务是海”理念，营造“六最”营商环境，大力实施“蚂蚁雄兵”战略，加快构建互利共赢、多元平衡、安全高效的开放型经济新体制。",
  },
  9: {
    slug: "culture",
    summary:
      "坚持以社会主义核心价值观为引领，聚焦文化强区战略，巩固全国文明城市创建成果，实现文化事业与文化产业齐头并进，以“软实力”铸造高质量发展“硬支撑”。",
  },
  10: {
    slug: "ecology",
    summary:
      "坚持“治山、治水、治气、治城”一体推进，以生态优先、绿色发展为导向，把保护生态环境作为高质量发展的根本立足点，优化国土空间格局。",
  },
  11: {
    slug: "wellbeing",
    summary:
      "实施技能富民战略，围绕全生命周期做好普惠性、基础性、兜底性民生建设，确保人民群众享有更加优质和精准的教育、医疗、文化、就业、体育、养老等公共服务。",
  },
  12: {
    slug: "security",
    summary:
      "坚持总体国家安全观，统筹传统安全和非传统安全，完善平安城区建设体系，有效防范化解各类风险挑战；创新社会治理方式，健全社会治理体系，提升社会治理效能。",
  },
  13: {
    slug: "implementation",
    summary:
      "必须坚持党的全面领导，把党总揽全局、协调各方的根本要求贯彻到各项工作当中；健全规划制定和落实机制，确保规划目标和任务落到实处。",
  },
};

// Chapter 11's heading in the body has a half-width comma ("发展,创造"); the plan's own
// contents page (seed line 76) writes the same title with "，", which we use for the title.
const TITLE_FROM_CONTENTS = { 11: 76 };

// ---------------------------------------------------------------------------------------------
// Repairs.

/**
 * Page breaks: a paragraph cut at the end of seed line N continues on the next non-blank line.
 * Each number was checked by hand (the line ends mid-sentence, or, for 248, a bold lead-in
 * whose paragraph continues after the break, as every other ——**…** lead-in of that list does).
 */
const JOINS = [
  109, 115, 121, 180, 186, 218, 226, 234, 248, 260, 310, 316, 324, 334, 336, 342, 366, 382, 394, 410, 422, 464, 478,
  484, 494, 496, 508, 512, 520, 536, 548, 558, 566, 576, 596, 619, 629, 645, 665, 681, 687, 695, 705, 711, 726, 732,
  746, 752, 769, 773, 781, 783, 787, 791, 821, 833, 843, 876, 882, 890, 894, 902, 908, 927, 933, 939, 951, 965, 986,
  992, 1021, 1040, 1046, 1068, 1074, 1090, 1096, 1110, 1118, 1124, 1136,
];

/**
 * English words that are extraction noise (the plan's own 5G, R&D, ERP, AI, NO.6, GDP, PM2.5,
 * APP, UWB, G208 … stay). "and" joins two nouns, so it becomes the plan's 和 (as in 第二章
 * "充分利用区位和交通优势"); "workload" has no certain Chinese counterpart, so it is removed
 * rather than guessed. `before` is an exact substring of the seed line.
 */
const STRAY = [
  { line: 927, before: "加大职业技能培训 workload,进一步深化产教融合", after: "加大职业技能培训,进一步深化产教融合" },
  { line: 937, before: "加强就业指导 and 就业见习", after: "加强就业指导和就业见习" },
  { line: 996, before: "充分利用区位优势 and 交通优势", after: "充分利用区位优势和交通优势" },
];

/** Last seed line of each 专栏 (the box starts at its "专栏 N 标题" line). */
const BOX_END = {
  1: 174, 2: 300, 3: 372, 4: 408, 5: 420, 6: 443, 7: 462, 8: 470, 9: 504, 10: 534, 11: 607,
  12: 722, 13: 763, 14: 841, 15: 852, 16: 866, 17: 917, 18: 980, 19: 1005, 20: 1030, 21: 1060, 22: 1084,
};
const BOX_TABLE = { 1: "thirteenth-plan", 2: "fourteenth-plan" };

// ---------------------------------------------------------------------------------------------

const corrections = [];
/** Where corrections go: the list itself, or a box's buffer (the tables are built first but listed where they stand). */
let sink = corrections;
const correct = (where, kind, before, after) => sink.push({ where, kind, before, after });

const CJK = /[\u3400-\u9fff\u3000-\u303f\uff00-\uffef“”]/;
/** Separator when two pieces of a broken paragraph meet: the seed's own spacing puts a space between Chinese and digits/Latin. */
function joinSep(a, b) {
  const x = a.at(-1);
  const y = b[0];
  return (CJK.test(x) && /[A-Za-z0-9]/.test(y)) || (/[A-Za-z0-9]/.test(x) && CJK.test(y)) ? " " : "";
}
const tail = (s, n = 10) => (s.length > n ? "…" + s.slice(-n).trimStart() : s);
const head = (s, n = 10) => (s.length > n ? s.slice(0, n) + "…" : s);

/** Units: non-blank seed lines from `from` on, with page-break joins applied. */
function buildUnits(from) {
  const units = [];
  const joinSet = new Set(JOINS);
  let i = from;
  while (i <= seed.length) {
    const raw = seed[i - 1];
    if (raw === undefined) break;
    if (raw.trim() === "") {
      i++;
      continue;
    }
    const unit = { first: i, lines: [i], text: raw.trimEnd() };
    let cur = i;
    while (joinSet.has(cur)) {
      let j = cur + 1;
      while (seed[j - 1] !== undefined && seed[j - 1].trim() === "") j++;
      if (seed[j - 1] === undefined) throw new Error(`join after ${cur}: nothing follows`);
      const next = seed[j - 1].trim();
      const sep = joinSep(unit.text, next);
      unit.joins = unit.joins ?? [];
      unit.joins.push({ at: cur, before: `${tail(unit.text)} | ${head(next)}`, after: `${tail(unit.text)}${sep}${head(next)}` });
      unit.text += sep + next;
      unit.lines.push(j);
      cur = j;
    }
    units.push(unit);
    i = cur + 1;
  }
  return units;
}

const CH_RE = /^第([一二三四五六七八九十]+)章\s+(.+)$/;
const SEC_RE = /^第([一二三四五六七八九十]+)节\s+(.+)$/;
const BOX_RE = /^专栏\s*(\d+)\s+(.+)$/;
const numeral = (s) => {
  const d = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  if (s === "十") return 10;
  if (s.startsWith("十")) return 10 + d[s[1]];
  if (s.length === 1) return d[s];
  return d[s[0]] * 10 + (s[2] ? d[s[2]] : 0);
};

function applyStray(unit, where) {
  for (const s of STRAY) {
    if (!unit.lines.includes(s.line)) continue;
    if (!unit.text.includes(s.before)) throw new Error(`stray-word repair not found on line ${s.line}`);
    unit.text = unit.text.replace(s.before, s.after);
    correct(where, "stray-word", s.before, s.after);
  }
}

/** Markdown blocks of a box, from its units. */
function boxBlocks(n, units, where) {
  const blocks = []; // each: { kind: "p"|"h"|"li", text }
  const item = (text) => {
    const m = /^(\d+)\. (.+)$/.exec(text);
    if (!m) throw new Error(`not a list item: ${text}`);
    blocks.push({ kind: "li", text });
  };
  const classify = (text) => {
    if (/^\d+\. /.test(text)) item(text);
    else if (text.endsWith("：") && text.length <= 12) blocks.push({ kind: "h", text });
    else blocks.push({ kind: "p", text });
  };
  for (const u of units) {
    const t = u.text;
    if (/^- \| \|$/.test(t) || /^\|-+\|$/.test(t)) continue; // frame of a box extracted as a Markdown table
    if (t.startsWith("<p>")) {
      const parts = [...t.matchAll(/<p>(.*?)<\/p>/g)].map((m) => m[1].trim());
      if (parts.join("").length < 10 || t.replace(/<p>.*?<\/p>/g, "").trim() !== "") throw new Error(`unexpected HTML in box ${n}`);
      parts.forEach(classify);
      const shown = parts.slice(0, 3).map((x) => (x.endsWith("：") && x.length <= 12 ? `### ${x}` : head(x, 12)));
      correct(where, "html-to-list", head(t, 40), `${shown.join("／")}／…`);
      continue;
    }
    const ol = /^\| <ol style="list-style-type: none">(.*) \|$/.exec(t);
    if (ol) {
      const items = ol[1].split(/(?<=。)(?=\d+\. )/);
      items.forEach((x) => item(x.trim()));
      correct(where, "html-to-list", head(t, 44), items.map((x) => head(x.trim(), 12)).join("／"));
      continue;
    }
    const dash = /^- (\d+)\. ([^*]+?。)\*\*(.*)$/.exec(t);
    if (dash) {
      // "- 1. 标题。**正文" : the opening ** of a bold item title turned into "- " by the extraction.
      const fixed = `${dash[1]}. **${dash[2]}**${dash[3]}`;
      item(fixed);
      correct(where, "other", head(t, 18), head(fixed, 20));
      continue;
    }
    classify(t);
  }
  return blocks;
}

function renderBlocks(blocks) {
  const out = [];
  blocks.forEach((b, i) => {
    const prev = blocks[i - 1];
    if (prev && !(prev.kind === "li" && b.kind === "li")) out.push("");
    out.push(b.kind === "h" ? `### ${b.text}` : b.text);
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Front matter: the notice 城政发〔2021〕8号 (seed lines 3–17) and the preamble (95–97). The
// cover page (19–23) and the contents (25–93) are left out.

const noticeTitleRaw = L(7);
const noticeTitle = noticeTitleRaw.replace(/(?<=[\u3400-\u9fff]) (?=[\u3400-\u9fff])/g, "");
correct("front", "paragraph-join", noticeTitleRaw, noticeTitle);
const planTitleRaw = L(95);
const planTitle = planTitleRaw.replace("发展 第十四个", "发展第十四个");
correct("front", "paragraph-join", planTitleRaw, planTitle);
const front = {
  number: 0,
  title: "印发通知和纲要说明",
  slug: "front",
  summary:
    "晋城市城区人民政府关于印发晋城市城区国民经济和社会发展第十四个五年规划和2035年远景目标纲要的通知（城政发〔2021〕8号）；纲要是指导我区未来发展的宏伟蓝图，是全区人民共同奋斗的行动纲领。",
  sections: [],
  body: [
    "",
    L(3),
    "",
    L(5),
    "",
    `### ${noticeTitle}`,
    "",
    L(9),
    "",
    L(11),
    "",
    L(13),
    "",
    L(15),
    "",
    L(17),
    "",
    `### ${planTitle}`,
    "",
    L(97),
  ],
};

// ---------------------------------------------------------------------------------------------
// Indicator tables (专栏1, 专栏2).

/** Removes the spaces a wrapped table cell left between two Chinese characters (or brackets). */
const unwrap = (s) => s.trim().replace(/(?<=[\u3400-\u9fff\u3000-\u303f\uff00-\uffef“”)/]) +(?=[\u3400-\u9fff\u3000-\u303f\uff00-\uffef“”(])/g, "");

function parseValue(text) {
  const m = /^(〔)?(≥|>|≤|<)?(\d+(?:\.\d+)?)%?(〕)?$/.exec(text);
  if (!m || Boolean(m[1]) !== Boolean(m[4])) return { text };
  const cell = { text, value: Number(m[3]) };
  if (m[2]) cell.qualifier = m[2];
  if (m[1]) cell.cumulative = true;
  return cell;
}

const IDS_13 = [
  "gdp", "services-share", "goods-trade", "services-trade", "retail-sales", "cpi-increase",
  "rd-intensity", "professionals-per-10k", "invention-patents-per-100k", "technology-transactions", "high-tech-industry-share",
  "energy-intensity-reduction", "co2-intensity-reduction", "good-air-days", "pm25-reduction",
  "emission-carbon-dioxide", "emission-cod", "emission-nitrogen-oxides", "emission-ammonia-nitrogen", "emission-dust",
  "industrial-solid-waste-use", "public-forest-cover", "built-up-green-cover", "forest-cover", "sewage-treatment", "waste-treatment",
  "high-school-enrolment", "schooling-years", "life-expectancy", "urban-income", "urban-unemployment-rate", "new-urban-jobs",
  "medical-staff-per-10k", "urban-pension-insured", "resident-pension-insured", "unemployment-insured", "elderly-beds-per-1000",
  "buses-per-10k", "clean-governance-satisfaction", "work-safety-death-rate",
];
const IDS_14 = [
  "gdp-growth", "urbanisation", "industrial-enterprises", "industry-share", "strategic-emerging-share", "labour-productivity-growth",
  "rd-investment", "innovation-centres-incubators", "high-tech-enterprises",
  "5g-penetration", "invention-patents-per-10k", "new-materials-revenue-growth", "high-end-equipment-growth", "new-products-growth",
  "digital-economy-share", "manufacturing-share",
  "good-air-days", "forest-cover", "energy-intensity-reduction", "co2-intensity-reduction",
  "urban-income-growth", "schooling-years", "doctors-per-1000", "pension-coverage", "childcare-places-per-1000", "life-expectancy",
  "sports-population-share",
  "grain-capacity", "energy-capacity",
];

function tableRows(fromLine, toLine) {
  const rows = [];
  for (let n = fromLine; n <= toLine; n++) if (L(n).includes("\t")) rows.push({ line: n, cells: L(n).split("\t") });
  return rows;
}

const tableCorrections = {};
function buildTable({ box, title, chapterSlug, sectionId, headerLine, lastLine, columns, ids, unitInName }) {
  sink = tableCorrections[box] = [];
  const where = `${chapterSlug}/box-${box}`;
  const header = L(headerLine).split("\t");
  for (const h of header) if (unwrap(h) !== h.trim()) correct(where, "table-header-join", h.trim(), unwrap(h));
  const valueStart = unitInName ? 3 : 4;
  header.slice(valueStart, valueStart + columns.length).forEach((h, i) => {
    if (unwrap(h) !== columns[i].label) throw new Error(`column label ${columns[i].label} ≠ seed ${h}`);
  });
  const rows = [];
  let category = "";
  let lastNumber = null;
  for (const { line, cells } of tableRows(headerLine + 1, lastLine)) {
    const rawCat = cells[0];
    if (rawCat.trim()) {
      const cat = unwrap(rawCat);
      if (cat !== rawCat.trim()) correct(where, "table-cell-join", rawCat.trim(), cat);
      category = cat;
    }
    let number = cells[1].trim() ? Number(cells[1]) : null;
    const rawName = cells[2];
    let name = unwrap(rawName);
    if (name !== rawName.trim()) correct(where, "table-cell-join", rawName.trim(), name);
    if (number !== null && number === lastNumber) {
      // A merged 序号 cell repeated after a page break (seed line 154: "15 烟粉尘"); the row is a sub-row of 15.
      correct(where, "other", `${cells[1]}\t${rawName}`.replace("\t", " "), `（序号 ${number} 下的子行）${name}`);
      number = null;
    }
    if (number !== null) lastNumber = number;
    let unit;
    let rest;
    if (unitInName) {
      const m = /^(.*)\(([^()]+)\)(【[^】]+】)?$/.exec(name);
      if (!m) throw new Error(`no unit in ${name}`);
      name = m[1] + (m[3] ?? "");
      unit = m[2];
      rest = cells.slice(3);
    } else {
      unit = cells[3].trim();
      rest = cells.slice(4);
    }
    const cellsOut = {};
    columns.forEach((c, i) => {
      const raw = rest[i];
      const text = unwrap(raw);
      if (text !== raw.trim()) correct(where, "table-cell-join", raw.trim(), text);
      cellsOut[c.key] = parseValue(text);
    });
    const attribute = rest[columns.length].trim();
    const rawNote = rest[columns.length + 1] ?? "";
    const note = unwrap(rawNote);
    if (note !== rawNote.trim()) correct(where, "table-cell-join", rawNote.trim(), note);
    rows.push({ id: ids[rows.length], category, number, name, unit, cells: cellsOut, attribute, note });
  }
  if (rows.length !== ids.length) throw new Error(`专栏${box}: ${rows.length} rows, ${ids.length} ids`);
  sink = corrections;
  return { box, title, chapter: chapterSlug, section: sectionId, columns, rows };
}

const thirteenth = buildTable({
  box: 1,
  title: BOX_RE.exec(L(131))[2],
  chapterSlug: "new-journey",
  sectionId: "section-1",
  headerLine: 133,
  lastLine: 174,
  columns: [
    { key: "y2015", label: "2015 年", year: 2015 },
    { key: "y2020", label: "2020 年", year: 2020 },
    { key: "growth", label: "年均增长率/〔累计〕" },
  ],
  ids: IDS_13,
  unitInName: false,
});
const fourteenth = buildTable({
  box: 2,
  title: BOX_RE.exec(L(268))[2],
  chapterSlug: "guiding-principles",
  sectionId: "section-4",
  headerLine: 270,
  lastLine: 300,
  columns: [
    { key: "y2020", label: "2020 年完成", year: 2020 },
    { key: "y2025", label: "2025 年目标", year: 2025 },
    { key: "growth", label: "年均增长/〔累计〕" },
  ],
  ids: IDS_14,
  unitInName: true,
});

// ---------------------------------------------------------------------------------------------
// Chapters 1–13.

const units = buildUnits(99);
const chapters = [];
let chapter = null;
let section = null;
let ui = 0;
while (ui < units.length) {
  const u = units[ui];
  const t = u.text;
  const where = () => (chapter ? `${chapter.slug}${section ? `/${section.id}` : ""}` : "front");
  let m;
  if ((m = CH_RE.exec(t))) {
    const number = numeral(m[1]);
    const meta = CHAPTERS[number];
    let title = m[2].trim();
    if (TITLE_FROM_CONTENTS[number]) title = L(TITLE_FROM_CONTENTS[number]).split("\t")[1].trim();
    chapter = { number, heading: t, title, slug: meta.slug, summary: meta.summary, sections: [], body: [] };
    chapters.push(chapter);
    section = null;
    ui++;
    continue;
  }
  if ((m = SEC_RE.exec(t))) {
    const number = numeral(m[1]);
    section = { number, title: m[2].trim(), id: `section-${number}` };
    if (number !== chapter.sections.length + 1) throw new Error(`section numbering at line ${u.first}`);
    chapter.sections.push(section);
    chapter.body.push("", `## 第${m[1]}节 ${section.title} {#${section.id}}`);
    ui++;
    continue;
  }
  if ((m = BOX_RE.exec(t))) {
    const n = Number(m[1]);
    const title = m[2].trim();
    const end = BOX_END[n];
    const inner = [];
    ui++;
    while (ui < units.length && units[ui].first <= end) inner.push(units[ui++]);
    const boxWhere = `${chapter.slug}/box-${n}`;
    chapter.body.push("");
    if (BOX_TABLE[n]) {
      chapter.body.push(`:::box 专栏${n} ${title} {table=${BOX_TABLE[n]}}`, ":::");
      corrections.push(...tableCorrections[n]);
    } else {
      for (const x of inner) {
        for (const j of x.joins ?? []) correct(boxWhere, "paragraph-join", j.before, j.after);
        applyStray(x, boxWhere);
      }
      chapter.body.push(`:::box 专栏${n} ${title}`, ...renderBlocks(boxBlocks(n, inner, boxWhere)), ":::");
    }
    continue;
  }
  if (t.includes("\t") || t.includes("<")) throw new Error(`unexpected table/HTML outside a box at line ${u.first}`);
  for (const j of u.joins ?? []) correct(where(), "paragraph-join", j.before, j.after);
  applyStray(u, where());
  chapter.body.push("", u.text);
  ui++;
}

// ---------------------------------------------------------------------------------------------
// Output.

const yamlString = (s) => JSON.stringify(s);
function chapterFile(c) {
  const fm = [
    "---",
    // The heading as the plan prints it, for people matching files to the plan (the site
    // builds "第N章" from `number`).
    ...(c.heading ? [`# ${c.heading}`] : []),
    `number: ${c.number}`,
    `title: ${yamlString(c.title)}`,
    `slug: ${c.slug}`,
    `summary: ${yamlString(c.summary)}`,
    "---",
  ];
  const body = [...c.body];
  while (body[0] === "") body.shift();
  return [...fm, "", ...body, ""].join("\n");
}

const files = new Map();
files.set("content/plan/00-front.md", chapterFile(front));
for (const c of chapters) files.set(`content/plan/${String(c.number).padStart(2, "0")}-${c.slug}.md`, chapterFile(c));
files.set("content/indicators/thirteenth-plan.json", JSON.stringify(thirteenth, null, 2) + "\n");
files.set("content/indicators/fourteenth-plan.json", JSON.stringify(fourteenth, null, 2) + "\n");
const numbered = corrections.map((c, i) => ({ id: `c${String(i + 1).padStart(3, "0")}`, ...c }));
files.set("content/corrections.json", JSON.stringify(numbered, null, 2) + "\n");

let differs = 0;
for (const [rel, text] of files) {
  const p = join(root, rel);
  if (check) {
    if (!existsSync(p) || readFileSync(p, "utf8") !== text) {
      console.error(`differs: ${rel}`);
      differs++;
    }
  } else {
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
}
const kinds = {};
for (const c of corrections) kinds[c.kind] = (kinds[c.kind] ?? 0) + 1;
console.log(`${chapters.length} chapters, ${corrections.length} corrections`, kinds);
if (check) process.exit(differs ? 1 : 0);
