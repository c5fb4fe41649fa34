// Safety net for everything under /api/: a path with no route falls through to the static site,
// whose answer (its HTML 404 page, or a page with 200) is replaced by the JSON 404 of the error
// model; an error that escaped a route still becomes the JSON error model. Every route answers
// JSON, so only a non-JSON answer below 500 can be the static fallback: a non-JSON 5xx passes
// unchanged (and is logged), visible as the failure it is instead of turning into a 404.
import { ApiError, errorResponse, toErrorResponse } from "../_lib/http";

export const onRequest: PagesFunction<Env> = async ({ next }) => {
  try {
    const res = await next();
    const type = res.headers.get("content-type") ?? "";
    const isJson = type.startsWith("application/json");
    if (!isJson && res.status < 500 && res.status !== 304) {
      return errorResponse(new ApiError("not-found", "There is no API at this address."));
    }
    if (!isJson && res.status >= 500) {
      console.error(`non-JSON ${res.status} under /api/ passed through`);
    }
    return res;
  } catch (e) {
    return toErrorResponse(e);
  }
};
