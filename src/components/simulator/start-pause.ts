// A pause in the evaluation of the simulator's start-up code: the modules imported before this
// one run in one task, those after it in the next (a top-level await in a chunk of concatenated
// modules splits its evaluation there). Simulator.svelte imports it after the scenario code
// (the schema), and start-pause-2.ts after the plan's
// data and the model, so that no part of the evaluation is a long task on a phone (README.md,
// "Hydration"). The browser only: on the server (the page's prerender) there is nothing to split.
if (typeof window !== "undefined") await new Promise((resolve) => setTimeout(resolve, 0));
export {};
