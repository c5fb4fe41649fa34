// `npm run bench:load`: load on the share API of the local Pages runtime (workerd + D1 in a
// local SQLite file), loopback only and bounded in time. 50 concurrent clients mix creations
// (POST /api/scenarios) and reads (GET /api/scenarios/:id, some /s/:id); afterwards every id
// that was answered 201 is read back to count lost writes.
//
// A first 5-second phase loads the static home page alone, as a calibration row: on a small or
// busy machine the local runtime, not the share code, sets the ceiling.
//
// Env: BENCH_SECONDS (default 20), BENCH_CLIENTS (50), BENCH_POST_SHARE (0.3), BENCH_PORT (default: a free port from the OS).
// Needs dist/ (npm run build). Each creation comes from its own client address (the
// CF-Connecting-IP header, which the local runtime passes through) so that the benchmark
// measures the store rather than the per-client creation limit.
import { existsSync } from "node:fs";
import { build } from "esbuild";
import { printTable, startServer } from "./lib.mjs";

const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const clients = Number(process.env.BENCH_CLIENTS ?? 50);
const postShare = Number(process.env.BENCH_POST_SHARE ?? 0.3);
const port = Number(process.env.BENCH_PORT) || undefined; // from the OS unless asked

if (!existsSync("dist/index.html")) {
  console.error("bench:load needs the built site in dist/: run `npm run build` first.");
  process.exit(2);
}

// The scenario module is TypeScript with extensionless imports: bundle it once for Node.
async function loadScenarioModule() {
  const out = await build({ entryPoints: ["src/lib/scenario/index.ts"], bundle: true, format: "esm", platform: "neutral", write: false, logLevel: "error" });
  const code = out.outputFiles[0].text;
  return import(`data:text/javascript;base64,${Buffer.from(code).toString("base64")}`);
}

const { defaultScenario } = await loadScenarioModule();

let ipCounter = 0;
const nextIp = () => {
  ipCounter++;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
};

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const server = await startServer(port);
const origin = server.origin;
const stats = { POST: [], "GET api": [], "GET /s/": [] };
const errors = { POST: 0, "GET api": 0, "GET /s/": 0 };
const baseline = [];
let baselineErrors = 0;
const errorSamples = [];
const created = new Map(); // id -> title
const known = [];
let seq = 0;

async function timed(kind, fn) {
  const t0 = performance.now();
  try {
    const ok = await fn();
    stats[kind].push(performance.now() - t0);
    if (!ok.ok) {
      errors[kind]++;
      if (errorSamples.length < 5) errorSamples.push(`${kind}: ${ok.detail}`);
    }
  } catch (e) {
    stats[kind].push(performance.now() - t0);
    errors[kind]++;
    if (errorSamples.length < 5) errorSamples.push(`${kind}: ${e.message}`);
  }
}

async function createOne() {
  const n = seq++;
  // One in ten posts repeats an earlier share: the idempotent path (200, same id).
  const repeat = n > 10 && n % 10 === 0;
  const title = repeat ? `负载 ${Math.floor(Math.random() * (n - 1))}` : `负载 ${n}`;
  const res = await fetch(`${origin}/api/scenarios`, {
    method: "POST",
    headers: { "content-type": "application/json", "cf-connecting-ip": nextIp() },
    body: JSON.stringify({ scenario: defaultScenario, title }),
  });
  const body = await res.json().catch(() => ({}));
  if (res.status === 201) {
    created.set(body.id, title);
    known.push(body.id);
  } else if (res.status === 200) {
    known.push(body.id);
  }
  return { ok: res.status === 201 || res.status === 200, detail: `${res.status} ${body.error ?? ""}` };
}

async function readOne(kind) {
  const id = known[Math.floor(Math.random() * known.length)];
  const res = await fetch(kind === "GET api" ? `${origin}/api/scenarios/${id}` : `${origin}/s/${id}`);
  await res.arrayBuffer();
  return { ok: res.status === 200, detail: `${res.status} for ${id}` };
}

try {
  // Seed a few shares so that readers have something to read from the first second.
  for (let i = 0; i < 10; i++) await timed("POST", createOne);

  // Calibration: the static home page through the same runtime and clients, no Function work
  // beyond routing and no D1. The share API cannot be faster than this on the same machine.
  const baselineSeconds = Math.min(5, seconds);
  const baselineUntil = Date.now() + baselineSeconds * 1000;
  const b0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < baselineUntil) {
        const t = performance.now();
        try {
          const res = await fetch(`${origin}/`);
          await res.arrayBuffer();
          if (res.status !== 200) baselineErrors++;
        } catch {
          baselineErrors++;
        }
        baseline.push(performance.now() - t);
      }
    }),
  );
  const baselineElapsed = (performance.now() - b0) / 1000;

  const until = Date.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < until) {
        const r = Math.random();
        if (r < postShare) await timed("POST", createOne);
        else if (r < postShare + (1 - postShare) * 0.85) await timed("GET api", () => readOne("GET api"));
        else await timed("GET /s/", () => readOne("GET /s/"));
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;

  // Lost writes: every id answered 201 must now be readable with its title.
  let lost = 0;
  const ids = [...created.keys()];
  for (let i = 0; i < ids.length; i += 50) {
    await Promise.all(
      ids.slice(i, i + 50).map(async (id) => {
        // A network hiccup while checking is retried; only an answer can prove a write lost.
        for (let attempt = 1; ; attempt++) {
          try {
            const res = await fetch(`${origin}/api/scenarios/${id}`);
            const body = res.status === 200 ? await res.json() : null;
            if (!body || body.title !== created.get(id)) lost++;
            return;
          } catch (e) {
            if (attempt === 3) throw new Error(`could not check ${id}: ${e.message}`);
          }
        }
      }),
    );
  }

  const row = (kind, list, seconds = elapsed) => {
    const sorted = [...list].sort((a, b) => a - b);
    return {
      requests: kind,
      count: sorted.length,
      "req/s": (sorted.length / seconds).toFixed(0),
      "p50 ms": percentile(sorted, 50).toFixed(1),
      "p99 ms": percentile(sorted, 99).toFixed(1),
      "max ms": sorted.length ? sorted[sorted.length - 1].toFixed(1) : "",
      errors: kind === "all" ? Object.values(errors).reduce((a, b) => a + b, 0) : kind in errors ? errors[kind] : baselineErrors,
    };
  };
  const all = Object.values(stats).flat();
  printTable(`Share API load: ${clients} concurrent clients, ${elapsed.toFixed(1)} s, loopback, wrangler pages dev (workerd + local D1)`, [
    row("POST", stats.POST),
    row("GET api", stats["GET api"]),
    row("GET /s/", stats["GET /s/"]),
    row("all", all),
    row("baseline: GET / (static)", baseline, baselineElapsed),
  ]);
  console.log(`\nnew shares (201): ${created.size}; lost writes: ${lost} (goal 0); errors: ${Object.values(errors).reduce((a, b) => a + b, 0)} (goal 0)`);
  if (errorSamples.length) console.log(`error samples: ${errorSamples.join("; ")}`);
  process.exitCode = lost === 0 && Object.values(errors).every((e) => e === 0) ? 0 : 1;
} finally {
  server.stop();
}
