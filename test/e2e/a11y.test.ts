// axe-core on the reading pages and the simulator, in the light and the dark colour scheme: no
// serious or critical violations (contrast, names, landmarks, table headers, …).
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";
import { launchChromium } from "../helpers/browser";
import { contentChapters } from "../helpers/site";

const base = inject("baseUrl");
const chapters = contentChapters();
// The chapter with 专栏1 has a box holding an indicator table: the densest markup of the site.
const withTable = chapters.find((c) => /\{table=/.test(c.body)) ?? chapters[1]!;
const withList = chapters.find((c) => c.number > 0 && c !== withTable && /^:::box /m.test(c.body)) ?? chapters[2]!;
const paths = ["/", `/plan/${withTable.slug}/`, `/plan/${withList.slug}/`, "/plan/", "/indicators/", "/about/", "/search/?q=康养", "/plan/no-such-page/", "/simulate/"];

describe("accessibility (axe)", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const colorScheme of ["light", "dark"] as const) {
    for (const path of paths) {
      it(`${path} in ${colorScheme} mode has no serious or critical violations`, async () => {
        const context = await browser.newContext({ colorScheme, viewport: { width: 390, height: 844 }, locale: "zh-CN", reducedMotion: "reduce" });
        try {
          const page = await context.newPage();
          await page.goto(`${base}${path}`, { waitUntil: "networkidle" });
          // The simulator is checked once its island has taken over and drawn its first chart.
          if (path === "/simulate/") await page.waitForSelector("html[data-simulator=ready] [data-chart] canvas");
          const { violations } = await new AxeBuilder({ page }).analyze();
          const bad = violations
            .filter((v) => v.impact === "serious" || v.impact === "critical")
            .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; ")}`);
          expect(bad).toEqual([]);
        } finally {
          await context.close();
        }
      });
    }
  }
});
