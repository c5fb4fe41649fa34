// How the simulator's code is grouped into files (read by astro.config.mjs).
//
// Left alone, the bundler cuts the modules that /simulate/ loads at start into a dozen small
// chunks, one for each set of importers (the page, and the parts loaded later: goal seek,
// sensitivity, compare, the formula parser, export). Each chunk costs its own import/export
// glue and compresses apart from the others; together about 3 KB gzipped of the page's JS
// budget. This group puts the modules the page needs at start into one chunk. Modules loaded
// on demand (the lazy views and the engine parts only they use: goal seek, sensitivity, Monte
// Carlo, the formula compiler) are not listed, so they stay out of it. Nor are the modules'
// index files: a group takes in everything its modules import, and lib/scenario/index.ts
// re-exports the share-link codec (fflate, loaded when a link is read or written:
// codec-loader.ts), lib/model/index.ts goal seek, sensitivity and Monte Carlo. Start-up code
// imports the files it uses instead. Nor are validate.ts and migrate.ts: an edit of the page's
// scenario is of the current version (schema.ts's validateV1); only a scenario read from
// outside (a link, a file, goal seek's candidates) may need migrating.

const eager = [
  /[\\/]src[\\/]components[\\/]simulator[\\/](i18n|format|controls|results|url-state|scenario-edit|chart-specs|simulator\.svelte|page\.svelte|start-pause(-2)?)\.ts$/,
  /[\\/]src[\\/]lib[\\/]scenario[\\/](?!(codec|index|validate|migrate)\.ts$)[\w-]+\.ts$/,
  /[\\/]src[\\/]lib[\\/]data[\\/][\w.-]+\.ts$/,
  /[\\/]src[\\/]lib[\\/]model[\\/](inputs|kernel|project|targets|national|years|growth|price-verdicts|constant-input)\.ts$/,
  /[\\/]src[\\/]lib[\\/]formula[\\/](index|types)\.ts$/,
  /[\\/]src[\\/]components[\\/]simulator[\\/]ScrollTable\.svelte$/,
];

/**
 * Rolldown `output.codeSplitting` groups. A group also takes in what its modules import; the
 * two shared libraries they import (Vite's preload helper, the Svelte runtime) get groups of
 * their own, of higher priority, so that other pages using them never load the simulator.
 */
export const simulatorChunkGroups = [
  { name: "preload-helper", test: /vite[\\/]preload-helper/, priority: 2 },
  { name: "svelte", test: /node_modules[\\/]svelte[\\/]/, priority: 2 },
  { name: "simulator-core", test: (/** @type {string} */ id) => eager.some((re) => re.test(id)), priority: 1 },
];
