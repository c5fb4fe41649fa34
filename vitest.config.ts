import { defineConfig } from "vitest/config";

// Two projects: "unit" needs nothing but Node; "site" needs the built site in dist/ and
// starts the real Pages runtime (wrangler pages dev, workerd, D1 in a temporary SQLite file).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts", "test/content/**/*.test.ts"],
          environment: "node",
          // Property tests run hundreds of cases; on a busy machine (another checkout's suite
          // running) 5 s is not enough. Speed goals live in `npm run bench`, not in timeouts.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: "site",
          include: ["test/site/**/*.test.ts", "test/api/**/*.test.ts", "test/e2e/**/*.test.ts"],
          environment: "node",
          globalSetup: ["test/setup/server.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One workerd instance and one Chromium are shared; run files one after another.
          fileParallelism: false,
        },
      },
    ],
  },
});
