/** The `include[]` query parameter of run create, submit tool outputs and run steps (see assistants/step-include.ts). */
import type { ApiRequest } from "../route";
import { invalidParam } from "../../http/errors";
import { RESULT_CONTENT_INCLUDE } from "../../assistants/step-include";

/** Whether the request asks for file_search result content; any other value is a 400. */
export function readResultContentInclude(request: ApiRequest): boolean {
  // `include[]=a&include[]=b`, `include=a` or `include=a,b` (the value itself has no comma).
  const raw = [request.query["include[]"], request.query.include]
    .flat()
    .filter((v): v is string => typeof v === "string")
    .flatMap((v) => v.split(","));
  for (const value of raw) {
    if (value !== RESULT_CONTENT_INCLUDE)
      throw invalidParam("include", `Invalid value: '${value}'. Supported values are: '${RESULT_CONTENT_INCLUDE}'.`);
  }
  return raw.length > 0;
}
