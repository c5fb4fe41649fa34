// The second pause in the evaluation of the simulator's start-up code (see start-pause.ts):
// between the model and the presets, the simulator's state and views.
if (typeof window !== "undefined") await new Promise((resolve) => setTimeout(resolve, 0));
export {};
