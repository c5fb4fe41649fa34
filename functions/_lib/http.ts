// The JSON error model and response helpers shared by every route. Error codes are part of the
// API contract (functions/README.md): clients switch on `error`, people read `message`.
import { StoreUnavailable } from "./store";

export type ErrorCode =
  | "malformed-json"
  | "empty-body"
  | "invalid"
  | "unsupported-version"
  | "not-found"
  | "method-not-allowed"
  | "too-large"
  | "unsupported-media-type"
  | "rate-limited"
  | "store-unavailable"
  | "internal";

const STATUS: Record<ErrorCode, number> = {
  "malformed-json": 400,
  "empty-body": 400,
  invalid: 400,
  "unsupported-version": 400,
  "not-found": 404,
  "method-not-allowed": 405,
  "too-large": 413,
  "unsupported-media-type": 415,
  "rate-limited": 429,
  "store-unavailable": 503,
  internal: 500,
};

/** Thrown inside handlers; the route wrapper turns it into the JSON error response. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly headers: Record<string, string>;
  constructor(code: ErrorCode, message: string, opts: { field?: string; headers?: Record<string, string> } = {}) {
    super(message);
    this.code = code;
    this.field = opts.field;
    this.headers = opts.headers ?? {};
  }
  get status(): number {
    return STATUS[this.code];
  }
}

const JSON_TYPE = "application/json; charset=utf-8";

/** Headers every JSON answer carries: no MIME sniffing, and nothing here is meant to be framed. */
export function baseJsonHeaders(extra: Record<string, string> = {}): Headers {
  const h = new Headers({
    "content-type": JSON_TYPE,
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    ...extra,
  });
  return h;
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: baseJsonHeaders(headers) });
}

export function errorResponse(err: ApiError): Response {
  const body: { error: ErrorCode; message: string; field?: string } = { error: err.code, message: err.message };
  if (err.field !== undefined) body.field = err.field;
  // Errors depend on the request, not on stored content: never let a shared cache keep them,
  // except 404 for a well-formed id, which the caller may mark cacheable for a short while.
  return json(body, err.status, { "cache-control": "no-store", ...err.headers });
}

/**
 * Maps anything a handler throws to a JSON error: ApiError as itself, a D1 failure to 503, the
 * rest to 500 without detail.
 */
export function toErrorResponse(e: unknown): Response {
  if (e instanceof ApiError) return errorResponse(e);
  if (e instanceof StoreUnavailable) {
    return errorResponse(
      new ApiError("store-unavailable", "Shared scenarios are temporarily unavailable. Please try again shortly.", {
        headers: { "retry-after": "30" },
      }),
    );
  }
  // The stack goes to the log (wrangler tail / dashboard), never to the client.
  console.error("unhandled error", e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ""}` : String(e));
  return errorResponse(new ApiError("internal", "Something went wrong on our side. Please try again later."));
}

export function methodNotAllowed(allowed: readonly string[]): ApiError {
  return new ApiError("method-not-allowed", `Use ${allowed.join(" or ")} for this address.`, {
    headers: { allow: allowed.join(", ") },
  });
}

/** Runs a handler and turns whatever it throws into the JSON error model. */
export function jsonRoute(handler: PagesFunction<Env>): PagesFunction<Env> {
  return async (context) => {
    try {
      return await handler(context);
    } catch (e) {
      return toErrorResponse(e);
    }
  };
}
