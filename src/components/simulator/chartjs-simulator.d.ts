// See charts.ts: the simulator imports chart.js under its own module id so that its bundle is
// tree-shaken for the simulator alone.
declare module "chart.js?simulator" {
  export * from "chart.js";
}
