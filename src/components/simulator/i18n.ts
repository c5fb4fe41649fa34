// UI strings of the simulator in Chinese (default) and English. Plan figures never live
// here: they come from the engine (src/lib), which reads content/.
export type Lang = "zh" | "en";

export function isLang(x: unknown): x is Lang {
  return x === "zh" || x === "en";
}

const zh = {
  title: "情景模拟",
  lead: "改变一个假设，立即看到它对2025年和2035年的影响，并与规划目标对照。",
  skipToResults: "跳到结果",
  langSwitch: "English",
  langSwitchLabel: "切换到英文界面",
  controls: "假设",
  preset: "预设情景",
  presetNote: "数据来源",
  modifiedFrom: "在“{name}”的基础上修改过的情景。",
  modified: "自定义情景。",
  showSettings: "显示设定",
  shockSizes: "冲击大小与持续性",
  planValue: "规划值",
  defaultFrom: "默认值来源",
  advanced: "逐年设定与公式",
  perYear: "逐年值",
  year: "年份",
  formula: "公式",
  formulaHelp: "可用变量：t（年份）和其他假设的名称（如 gdpRealGrowth）。例如：9 - 0.4 * (t - 2021)",
  formulaApply: "应用公式",
  formulaClear: "清除",
  formulaLoading: "正在加载公式解析器…",
  formulaErrorAt: "第{pos}个字符处出错：",
  formulaKeptLast: "图表仍显示上一个有效情景。",
  resetInput: "恢复默认",
  resetAll: "全部恢复默认",
  results: "主要结果",
  value2025: "2025年",
  value2035: "2035年",
  avgGrowth: "年均增长",
  doublingYear: "比2020年翻一番的年份",
  catchUpYear: "城镇居民收入达到全国平均水平的年份",
  never: "2035年前未达到",
  already: "已达到",
  targets: "规划目标",
  target: "目标",
  scenario: "本情景",
  met: "达到",
  missed: "未达到",
  probability: "达到的概率",
  noQuantity: "无",
  goalSeek: "反推增长率",
  goalSeekQuestion: "每年保持多少增长率，才能在某年达到某个值？",
  goalSeekMetric: "指标",
  goalSeekTarget: "目标值",
  goalSeekYear: "年份",
  goalSeekRun: "计算",
  goalSeekAnswer: "需要每年增长 {rate}。",
  goalSeekApply: "应用到情景",
  goalSeekNone: "在允许的范围内无法达到。",
  sensitivity: "敏感性分析（2035年）",
  sensitivityNote: "每个假设在其合理范围的低端和高端时，2035年结果的变化。",
  low: "低",
  high: "高",
  uncertaintyOn: "显示不确定性（蒙特卡洛）",
  mcRunning: "正在计算不确定性…",
  mcBand: "{lo}%–{hi}% 区间",
  compare: "比较情景",
  compareSummary: "固定最多4个情景并命名，图表叠加显示，表格列出差异。",
  pin: "固定当前情景",
  pinName: "情景名称",
  pinFull: "最多固定4个情景。",
  unpin: "移除",
  compareTable: "情景差异",
  current: "当前",
  exportTitle: "导出",
  exportCsv: "下载CSV（全部序列）",
  exportJson: "下载情景JSON",
  exportPng: "下载图片",
  print: "打印",
  share: "分享",
  charts: "图表",
  chartGdp: "地区生产总值",
  chartGdpPerCapita: "人均地区生产总值与全国平均",
  chartIncome: "城镇居民人均可支配收入与全国平均",
  chartPopulation: "常住人口与规划参照线",
  constantPrices: "2020年不变价",
  currentPrices: "当年价",
  priceBasis: "价格口径",
  nationalAverage: "全国平均",
  reference: "参照线",
  reported: "已公布的实际值",
  source: "来源",
  planTarget: "规划目标",
  dataTable: "数据表",
  showTable: "显示数据表",
  hideTable: "隐藏数据表",
  malformedLink: "链接中的情景无法读取（{reason}），已打开最接近的有效情景。",
  linkTooLong: "链接过长",
  outdatedLink: "链接来自不支持的版本，已打开默认情景。",
  dismiss: "知道了",
  liveSummary: "2035年：地区生产总值{gdp}，城镇居民人均可支配收入{income}，常住人口{pop}。",
  noscript: "情景模拟需要JavaScript。下面是规划情景的结果。",
  loadingCharts: "图表加载中…",
  groupGdp: "经济",
  groupPopulation: "人口",
  groupIncome: "收入",
  groupServices: "产业结构",
  groupUncertainty: "不确定性",
  groupNational: "全国对照",
  populationMode: "人口设定方式",
  populationModeComponents: "自然增长与迁入",
  populationModeTarget: "到某年达到目标人口",
  populationTarget: "目标常住人口",
  populationYear: "目标年份",
  incomeMode: "收入设定方式",
  incomeModeGrowth: "直接设定增速",
  incomeModeElasticity: "随人均地区生产总值增长",
  servicesTarget: "服务业增加值比重目标",
  servicesYear: "达到目标的年份",
  nationalIncomeGrowth: "全国城镇居民收入名义增速（2025年后）",
  nationalGdpPcGrowth: "全国人均GDP名义增速（2025年后）",
  sdGdpRealGrowth: "经济增速的年度波动（标准差）",
  sdGdpDeflator: "GDP平减指数的年度波动",
  sdUrbanIncomeGrowth: "收入增速的年度波动",
  sdCpi: "物价的年度波动",
  sdPopulationGrowth: "人口增长率的年度波动",
  rho: "冲击的持续性（自相关）",
  noteGdpRealGrowth: "“十四五”默认取专栏2目标；规划未定2025年后的增速，默认沿用同一增速。",
  noteGdpDeflator: "规划未定物价路径；默认取“十三五”居民消费价格年均涨幅（专栏1），属判断。",
  noteNaturalGrowth: "未找到城区人口自然增长率；默认为零，人口变化全部计入净迁入。",
  noteNetMigration: "默认取2020年人口普查至2022年末常住人口的年均变化（城区统计公报）。",
  noteUrbanIncomeGrowth: "“十四五”默认取专栏2目标（名义增速）；2025年后默认沿用。",
  noteIncomeElasticity: "1表示收入与人均地区生产总值同步增长（规划：“居民收入增长和经济增长基本同步”）。",
  noteCpi: "默认取“十三五”居民消费价格年均涨幅（专栏1）；用于把收入换算为2020年价格。",
  notePopulationTarget: "规划原文：",
  noteServices: "专栏2未设服务业比重目标；默认保持2020年水平（专栏1）。",
  noteNational: "全国数据至最近公布年份为实际值（国家统计局公报），之后按此增速推算。",
  noteUncertainty: "每年随机冲击的大小，参照全国2020—2025年增速的波动，属判断。",
  period: "时期",
  planMarkTarget: "规划目标",
  planMarkDefault: "规划情景",
  boundary: "恰在目标线上",
  notModelled: "模型未涉及",
  preliminary: "（初步）",
} as const;

export type MessageKey = keyof typeof zh;


// English is fetched when first chosen (most readers never switch), so the page carries only
// the Chinese strings up front. Until it has arrived, Chinese is shown.
export const messages: Record<Lang, Record<MessageKey, string> | undefined> = { zh, en: undefined };

let loadingEn: Promise<void> | undefined;

/** Makes the strings of a language available; resolves at once for Chinese. */
export function loadLang(lang: Lang): Promise<void> {
  if (lang === "zh" || messages.en) return Promise.resolve();
  loadingEn ??= import("./i18n-en").then((m) => {
    messages.en = m.en;
  });
  return loadingEn;
}

/** Looks a message up and fills {name} placeholders. */
export function t(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  let s: string = (messages[lang] ?? zh)[key];
  if (vars) {
    for (const [k, v] of Object.entries(vars)) {
      // A name already in quotes (“十三五”趋势) inside quotes takes single quotes, not doubled ones.
      s = s.replaceAll(`“{${k}}”`, `“${String(v).replaceAll("“", "‘").replaceAll("”", "’")}”`).replaceAll(`{${k}}`, String(v));
    }
  }
  return s;
}
