// The offline environment and readiness wait live with the server start in scripts/lib.mjs,
// which the benchmarks share; re-exported here for the test helpers.
export { freePort, offlineEnv, waitForHttp } from "../../scripts/lib.mjs";
