// Draws an indicator chart (see IndicatorChart.astro) with the parts of chart.js a horizontal bar
// chart needs, in the page's light or dark colours, following the reader's setting live.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from "chart.js";
import type { ChartSeries } from "../utils/indicators";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

/** Long Chinese names on the axis wrap into lines of this many characters. */
const LABEL_CHARS = 9;
const wrap = (s: string): string[] => s.match(new RegExp(`.{1,${LABEL_CHARS}}`, "gu")) ?? [s];

function colours() {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string) => css.getPropertyValue(name).trim();
  return { text: v("--color-text"), muted: v("--color-muted"), grid: v("--color-border"), a: v("--color-chart-a"), b: v("--color-chart-b"), font: v("--font-body") };
}

const charts: Chart<"bar">[] = [];

function recolour(chart: Chart<"bar">): void {
  const c = colours();
  const n = chart.data.datasets.length;
  chart.data.datasets.forEach((d, i) => (d.backgroundColor = i === n - 1 ? c.b : c.a));
  const { x, y } = chart.options.scales ?? {};
  if (x?.ticks) x.ticks.color = c.muted;
  if (x?.grid) x.grid.color = c.grid;
  if (x && "title" in x && x.title) x.title.color = c.muted;
  if (y?.ticks) y.ticks.color = c.text;
  if (chart.options.plugins?.legend?.labels) chart.options.plugins.legend.labels.color = c.text;
}

export function drawIndicatorChart(figure: HTMLElement): void {
  const canvas = figure.querySelector("canvas");
  const data = figure.querySelector('script[type="application/json"]');
  if (!canvas || !data?.textContent) return;
  const series = JSON.parse(data.textContent) as ChartSeries;
  const c = colours();
  Chart.defaults.font.family = c.font;
  const last = series.columns.length - 1;
  const chart = new Chart(canvas, {
    type: "bar",
    data: {
      labels: series.rows.map((r) => wrap(r.name)),
      datasets: series.columns.map((label, i) => ({ label, data: series.rows.map((r) => r.values[i]!), backgroundColor: i === last ? c.b : c.a, borderWidth: 0 })),
    },
    options: {
      indexAxis: "y",
      responsive: true,
      maintainAspectRatio: false,
      animation: matchMedia("(prefers-reduced-motion: reduce)").matches ? false : { duration: 300 },
      plugins: {
        legend: { position: "top", labels: { color: c.text } },
        tooltip: {
          callbacks: {
            title: (items) => series.rows[items[0]?.dataIndex ?? 0]?.name ?? "",
            // The table's own text ("≥20"), not the parsed number.
            label: (item) => `${item.dataset.label ?? ""}：${series.rows[item.dataIndex]?.texts[item.datasetIndex] ?? ""}${series.unit}`,
          },
        },
      },
      scales: {
        x: { beginAtZero: true, ticks: { color: c.muted }, grid: { color: c.grid }, title: { display: true, text: series.unit, color: c.muted } },
        y: { ticks: { autoSkip: false, color: c.text }, grid: { display: false } },
      },
    },
  });
  charts.push(chart);
}

matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => {
  for (const chart of charts) {
    recolour(chart);
    chart.update();
  }
});
