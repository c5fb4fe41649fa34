// Renders public/og-default.png (1200×630), the link-preview image of every reading page, from a
// small HTML card with the system's CJK font (Debian: fonts-noto-cjk) in headless Chromium.
// Run once after changing the card: node scripts/og-default.mjs
import { launchChromium } from "../test/helpers/browser.ts";

const html = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><style>
  body { margin: 0; width: 1200px; height: 630px; background: #fdfcf9; color: #1c1b19;
    font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", sans-serif; }
  .card { box-sizing: border-box; height: 630px; padding: 88px 96px; border-left: 24px solid #9e1b1b;
    display: flex; flex-direction: column; justify-content: space-between; }
  .kicker { font-size: 34px; color: #57534b; margin: 0; }
  h1 { font-size: 84px; line-height: 1.25; margin: 18px 0 0; font-weight: 700; }
  .more { font-size: 40px; color: #9e1b1b; margin: 0; font-weight: 700; }
  .doc { font-size: 30px; color: #57534b; margin: 12px 0 0; }
</style><div class="card">
  <div><p class="kicker">晋城市城区国民经济和社会发展</p><h1>“十四五”规划和<br>2035年远景目标纲要</h1></div>
  <div><p class="more">规划全文 · 主要指标 · 目标</p><p class="doc">城政发〔2021〕8号</p></div>
</div></html>`;

const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 630 }, deviceScaleFactor: 1 });
  await page.setContent(html);
  await page.screenshot({ path: "public/og-default.png", type: "png" });
} finally {
  await browser.close();
}
console.log("wrote public/og-default.png");
