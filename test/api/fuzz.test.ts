// Property-based fuzzing of the share API with fast-check: whatever arrives, the answer is
// never a 5xx, every error is JSON with a stable code, and a 2xx id is readable.
import fc from "fast-check";
import { describe, expect, it, inject } from "vitest";
import { defaultScenario } from "../../src/lib/scenario";
import { fakeIp, post } from "./api-helpers";
import { OBJECT_PATHS, PROTOTYPE_NAMES, withKey } from "../helpers/hostile";

const base = inject("baseUrl");
const ERROR_CODES = new Set([
  "malformed-json",
  "empty-body",
  "invalid",
  "unsupported-version",
  "not-found",
  "method-not-allowed",
  "too-large",
  "unsupported-media-type",
  "rate-limited",
]);

async function expectSane(res: Response, what: string): Promise<void> {
  expect(res.status, what).toBeLessThan(500);
  if (res.status >= 400) {
    expect(res.headers.get("content-type"), what).toMatch(/^application\/json/);
    const body = (await res.json()) as { error?: unknown; message?: unknown };
    expect(ERROR_CODES.has(String(body.error)), `${what}: error ${String(body.error)}`).toBe(true);
    expect(typeof body.message).toBe("string");
  } else if (res.status === 200 || res.status === 201) {
    const { id } = (await res.json()) as { id: string };
    const got = await fetch(`${base}/api/scenarios/${id}`);
    expect(got.status, `${what}: GET ${id}`).toBe(200);
    await got.arrayBuffer();
  } else {
    await res.arrayBuffer();
  }
}

/** Replaces (or deletes) the value at a random path of a JSON value. */
function mutate(value: unknown, path: number[], replacement: unknown, remove: boolean): unknown {
  if (path.length === 0 || value === null || typeof value !== "object") return replacement;
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value as object);
  if (entries.length === 0) return replacement;
  const pick = path[0]! % entries.length;
  const [key, child] = entries[pick]!;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...(value as object) };
  if (remove && path.length === 1 && !Array.isArray(copy)) delete (copy as Record<string, unknown>)[key];
  else (copy as Record<string, unknown>)[key] = mutate(child, path.slice(1), replacement, remove);
  return copy;
}

const runs = { numRuns: 120, endOnFailure: true };

describe("fuzzing POST /api/scenarios", () => {
  it("random JSON bodies never cause a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 6 }), async (value) => {
        await expectSane(await post(base, JSON.stringify(value)), JSON.stringify(value).slice(0, 200));
      }),
      runs,
    );
  });

  it("random envelopes around random values never cause a 5xx", async () => {
    const envelope = fc.record(
      {
        scenario: fc.jsonValue({ maxDepth: 4 }),
        title: fc.oneof(fc.string({ unit: "grapheme", maxLength: 100 }), fc.jsonValue({ maxDepth: 2 })),
        note: fc.string({ unit: "binary", maxLength: 300 }),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(envelope, async (value) => {
        await expectSane(await post(base, JSON.stringify(value)), JSON.stringify(value).slice(0, 200));
      }),
      runs,
    );
  });

  it("random mutations of a valid scenario never cause a 5xx, and accepted ones read back", async () => {
    const replacement = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.double(),
      fc.integer(),
      fc.constantFrom(1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER + 2, -0, 0.1 + 0.2),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), replacement, fc.boolean(), async (path, value, remove) => {
        const scenario = mutate(defaultScenario, path, value, remove);
        await expectSane(await post(base, JSON.stringify({ scenario })), JSON.stringify(scenario).slice(0, 200));
      }),
      runs,
    );
  });

  it("a key named like an Object.prototype member anywhere in the scenario is refused with its field, never dropped", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...OBJECT_PATHS), fc.constantFrom(...PROTOTYPE_NAMES), fc.jsonValue({ maxDepth: 2 }), async (path, key, value) => {
        const res = await post(base, `{"scenario":${withKey(path, key, value)}}`);
        const what = `${[...path, key].join(".")} = ${JSON.stringify(value)?.slice(0, 80)}`;
        expect(res.status, what).toBe(400);
        expect(await res.json(), what).toMatchObject({ error: "invalid", field: ["scenario", ...path, key].join(".") });
      }),
      { numRuns: 80, endOnFailure: true },
    );
  });

  it("random bytes and content types never cause a 5xx", async () => {
    const contentType = fc.oneof(
      fc.constantFrom("application/json", "application/json; charset=utf-8", "text/plain", "application/json;charset=UTF-16", "multipart/form-data"),
      fc.string({ maxLength: 60 }).filter((s) => /^[\x20-\x7e]*$/.test(s)),
    );
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), contentType, async (bytes, type) => {
        await expectSane(await post(base, bytes, { contentType: type, ip: fakeIp() }), `${type} ${bytes.length} bytes`);
      }),
      runs,
    );
  });
});

describe("fuzzing the read routes", () => {
  it("random ids never cause a 5xx on the API, the share page or the image", async () => {
    const id = fc.oneof(fc.stringMatching(/^[0-9A-Za-z]{10,12}$/), fc.string({ unit: "grapheme", maxLength: 30 }));
    await fc.assert(
      fc.asyncProperty(id, async (raw) => {
        const segment = encodeURIComponent(raw);
        for (const path of [`/api/scenarios/${segment}`, `/s/${segment}`, `/og/${segment}.png`]) {
          const res = await fetch(base + path);
          expect(res.status, path).toBeLessThan(500);
          await res.arrayBuffer();
        }
      }),
      { numRuns: 80, endOnFailure: true },
    );
  });
});
