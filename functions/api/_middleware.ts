// Safety net for everything under /api/: a path with no route answers JSON 404 (not the site's
// HTML 404 page), and an error that escaped a route still becomes the JSON error model.
import { ApiError, errorResponse, toErrorResponse } from "../_lib/http";

export const onRequest: PagesFunction<Env> = async ({ next }) => {
  try {
    const res = await next();
    const type = res.headers.get("content-type") ?? "";
    if (!type.startsWith("application/json") && res.status !== 304) {
      return errorResponse(new ApiError("not-found", "There is no API at this address."));
    }
    return res;
  } catch (e) {
    return toErrorResponse(e);
  }
};
