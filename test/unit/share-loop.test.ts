// The share loop's pure parts: where a share can go (WeChat, Chinese services first), what an
// exported figure writes (title, unit, price basis, legend, source, site), the landing
// section's escaping and bidi isolation, and quotes inside quotes in the simulator's text.
import { describe, expect, it } from "vitest";
import { isWeChatBrowser, markWechatHintSeen, qqIntentUrl, serviceLinks, wechatHintPending } from "../../src/components/share/share-services";
import { figureText } from "../../src/components/share/figure";
import { gdpSpec, palette } from "../../src/components/simulator/chart-specs";
import { loadLang, t } from "../../src/components/simulator/i18n";
import { landingHtml } from "../../functions/_lib/landing";
import { siteOrigin } from "../../src/utils/site-url.mjs";
import { nationalLastReported, planTargets, project } from "../../src/lib/model";
import { defaultScenario } from "../../src/lib/scenario";

const WECHAT_UA =
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36 MicroMessenger/8.0.50.2701(0x28003237) NetType/WIFI Language/zh_CN";

const projected = project(defaultScenario);
if (!projected.ok) throw new Error("the plan scenario must project");
const projection = projected.projection;
const spec = (lang: "zh" | "en") =>
  gdpSpec({ lang, prices: "constant", projection, scenarioLabel: t(lang, "scenario"), pins: [], bands: null, targets: planTargets, reported: { residentPopulation: [], urbanIncome: [] }, nationalLastReported });

describe("share services", () => {
  it("recognises WeChat's built-in browser and nothing else", () => {
    expect(isWeChatBrowser(WECHAT_UA)).toBe(true);
    expect(isWeChatBrowser("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 MicroMessenger/8.0.47")).toBe(true);
    expect(isWeChatBrowser("Mozilla/5.0 (Linux; Android 14) Chrome/126.0 Mobile Safari/537.36")).toBe(false);
  });

  it("puts Weibo and QQ first in Chinese and X last; X first in English", () => {
    expect(serviceLinks("https://example.org/s/a", "标题", "zh").map((s) => s.id)).toEqual(["weibo", "qq", "x"]);
    expect(serviceLinks("https://example.org/s/a", "title", "en").map((s) => s.id)).toEqual(["x", "weibo", "qq"]);
  });

  it("carries the link and the message to QQ, encoded", () => {
    const u = new URL(qqIntentUrl("https://example.org/s/a?x=1&y=2", "如果 5% & 更低"));
    expect(u.origin + u.pathname).toBe("https://connect.qq.com/widget/shareqq/index.html");
    expect(u.searchParams.get("url")).toBe("https://example.org/s/a?x=1&y=2");
    expect(u.searchParams.get("title")).toBe("如果 5% & 更低");
  });

  it("shows the ··· hint until it is dismissed, and survives blocked storage", () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    expect(wechatHintPending(storage)).toBe(true);
    markWechatHintSeen(storage);
    expect(wechatHintPending(storage)).toBe(false);
    const blocked = { getItem: () => { throw new Error("denied"); }, setItem: () => { throw new Error("denied"); } };
    expect(wechatHintPending(blocked)).toBe(true);
    expect(() => markWechatHintSeen(blocked)).not.toThrow();
  });
});

describe("exported figure", () => {
  it("writes the chart's title with unit and price basis, every visible series in the legend, the source and the site", async () => {
    const s = spec("zh");
    const text = figureText(s, "zh", "example.org/simulate/");
    expect(text.title).toBe("地区生产总值（亿元，2020年不变价）");
    const visible = s.series.filter((x) => !x.auxiliary && x.values.some((v) => v != null)).map((x) => x.label);
    expect(visible.length).toBeGreaterThanOrEqual(2);
    expect(text.legend.map((l) => l.label)).toEqual(visible);
    expect(text.legend[0]!.colour).toBe(palette.scenario);
    expect(text.legend.find((l) => l.label.startsWith("规划目标"))!.colour).toBe(palette.target);
    expect(text.source).toMatch(/^资料来源：.*模拟结果/);
    expect(text.site).toBe("example.org/simulate/");
    // English brackets and comma, not the Chinese full-width ones.
    await loadLang("en");
    expect(figureText(spec("en"), "en", "x").title).toBe("GDP (billion yuan, constant 2020 prices)");
  });
});

describe("share landing section", () => {
  it("escapes the title and note and isolates their direction", () => {
    const html = landingHtml({ title: "<img src=x onerror=alert(1)>\u05D0", note: 'a & "b"\n<script>x</script>', reading: "2025年…", projection });
    expect(html).not.toContain("<img src=x");
    expect(html).not.toContain("<script>x</script>");
    expect(html).toContain('<h2 id="share-landing-title" dir="auto"><bdi>&lt;img src=x onerror=alert(1)&gt;\u05D0</bdi></h2>');
    expect(html).toContain('<p class="note" dir="auto"><bdi>a &amp; &quot;b&quot;\n&lt;script&gt;x&lt;/script&gt;</bdi></p>');
    expect(html).toContain('href="#controls-title">在此基础上调整</a>');
    expect(html).toContain('<a href="/plan/">阅读规划原文</a>');
    expect(html).toMatch(/2035年城镇居民人均可支配收入（当年价）<\/dt><dd>[\d,]+ <small>元<\/small>/);
  });
  it("sets the sharer's year ranges on one line, still escaped around them", () => {
    const html = landingHtml({ title: "2021—2025<b>", note: "我把2021–2025年GDP增速调高了 & 2019-2030", reading: "", projection: null });
    expect(html).toContain('<bdi><span class="nobr">2021—2025</span>&lt;b&gt;</bdi></h2>');
    // An ASCII hyphen does not break between digits: left as it is.
    expect(html).toContain('<bdi>我把<span class="nobr">2021–2025</span>年GDP增速调高了 &amp; 2019-2030</bdi></p>');
  });
  it("has a neutral heading when the share has no title", () => {
    expect(landingHtml({ title: null, note: null, reading: "", projection: null })).toContain("有人分享了一个情景");
  });
});

describe("configured site origin", () => {
  it("takes an http(s) origin and refuses anything else", () => {
    expect(siteOrigin("https://example.org/some/path")).toBe("https://example.org");
    expect(siteOrigin("http://127.0.0.1:8788")).toBe("http://127.0.0.1:8788");
    expect(siteOrigin("javascript:alert(1)")).toBeNull();
    expect(siteOrigin("")).toBeNull();
    expect(siteOrigin(undefined)).toBeNull();
  });
});

describe("quotes inside quotes", () => {
  it("turns a quoted name's own quotes into single quotes inside the template's quotes", () => {
    expect(t("zh", "modifiedFrom", { name: "“十三五”趋势" })).toBe("在“‘十三五’趋势”的基础上修改过的情景。");
    expect(t("zh", "modifiedFrom", { name: "规划目标" })).toBe("在“规划目标”的基础上修改过的情景。");
  });
});
