// Client of POST /api/scenarios (functions/README.md): one request, a hard timeout, and every
// way it can go wrong turned into a ShareFailure that the dialog can explain.
import type { ShareFailure } from "./share-helpers";

export interface CreateRequest {
  scenario: unknown;
  title?: string;
  note?: string;
}

export type CreateResult =
  | { ok: true; id: string; url: string; created: boolean }
  | { ok: false; failure: ShareFailure }
  /** The caller gave up (the dialog was closed); nothing to show. */
  | { ok: false; cancelled: true };

export interface CreateOptions {
  fetch?: typeof fetch;
  /** The request is abandoned after this long; a stuck store must not leave a spinner forever. */
  timeoutMs?: number;
  /** Aborts the request when the caller no longer wants the answer. */
  signal?: AbortSignal;
  /** Base for a relative url in the answer, and for building one from the id. */
  origin?: string;
  endpoint?: string;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
const ID = /^[0-9A-Za-z_-]{4,64}$/;

function retryAfterSeconds(h: string | null): number | undefined {
  if (!h) return undefined;
  const n = Number(h);
  if (Number.isFinite(n) && n >= 0) return n;
  const at = Date.parse(h);
  return Number.isNaN(at) ? undefined : Math.max(0, (at - Date.now()) / 1000);
}

function str(x: unknown): string | undefined {
  return typeof x === "string" ? x : undefined;
}

export async function createShortLink(body: CreateRequest, opts: CreateOptions = {}): Promise<CreateResult> {
  const doFetch = opts.fetch ?? globalThis.fetch.bind(globalThis);
  const origin = opts.origin ?? globalThis.location?.origin ?? "http://localhost";
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const onOuterAbort = () => controller.abort();
  if (opts.signal?.aborted) controller.abort();
  opts.signal?.addEventListener("abort", onOuterAbort, { once: true });
  try {
    let res: Response;
    try {
      res = await doFetch(opts.endpoint ?? "/api/scenarios", {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify(body),
        signal: controller.signal,
        credentials: "same-origin",
      });
    } catch {
      if (timedOut) return { ok: false, failure: { kind: "timeout" } };
      if (opts.signal?.aborted) return { ok: false, cancelled: true };
      return { ok: false, failure: { kind: "network" } };
    }

    let data: unknown = null;
    try {
      data = await res.json();
    } catch {
      // A proxy's HTML error page or a body cut off by the timeout: judged by status below.
      if (timedOut) return { ok: false, failure: { kind: "timeout" } };
      if (opts.signal?.aborted) return { ok: false, cancelled: true };
    }
    const obj = data && typeof data === "object" ? (data as Record<string, unknown>) : {};

    if (res.status === 200 || res.status === 201) {
      const id = str(obj.id);
      if (!id || !ID.test(id)) return { ok: false, failure: { kind: "bad-response" } };
      let url: string;
      try {
        url = new URL(str(obj.url) ?? `/s/${id}`, origin).href;
      } catch {
        return { ok: false, failure: { kind: "bad-response" } };
      }
      if (!/^https?:$/.test(new URL(url).protocol)) return { ok: false, failure: { kind: "bad-response" } };
      return { ok: true, id, url, created: res.status === 201 };
    }
    const failure: Extract<ShareFailure, { kind: "http" }> = { kind: "http", status: res.status };
    const error = str(obj.error);
    const message = str(obj.message);
    const field = str(obj.field);
    const wait = retryAfterSeconds(res.headers.get("retry-after"));
    if (error !== undefined) failure.error = error;
    if (message !== undefined) failure.message = message;
    if (field !== undefined) failure.field = field;
    if (wait !== undefined) failure.retryAfterSeconds = wait;
    return { ok: false, failure };
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener("abort", onOuterAbort);
  }
}
