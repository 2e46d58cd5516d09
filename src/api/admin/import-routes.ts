/**
 * `POST /admin/api/import`: one unit of an OpenAI Assistants export per call (the import CLI,
 * scripts/import.mjs, sends them one by one so it can resume and stay under request limits):
 *
 *   {"kind": "assistants", "project"?: "default", "dry_run"?: false, "items": [AssistantObject, …]}
 *   {"kind": "thread", "project"?: "default", "dry_run"?: false, "thread": {…one threads/<id>.json…}}
 *
 * 200 with the import result (counts, per-object status, marked content, the export's own
 * warnings); 400 `invalid_export` with `errors: [{object_id, path, message}]` when anything in
 * the unit is malformed (nothing written); 429 `kv_write_limit` with the `result` so far when KV
 * refuses writes (re-running resumes; nothing is written twice). Service: src/import/.
 */
import type { ApiRequest } from "../route";
import { OpenAIError, invalidParam } from "../../http/errors";
import { readJsonObject } from "../../http/read-json";
import { optionalBoolean, optionalString } from "../../http/validate";
import { ImportInvalid, ImportQuotaExceeded, importUnit } from "../../import/import-service";
import type { ImportUnit } from "../../import/export-format";
import { PROJECT_RE } from "../../keys/parse-key-input";
import { DEFAULT_PROJECT } from "../../keys/principal";
import { createStores } from "../../store";
import type { AppContext } from "../context";

export async function importExport(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const body = await readJsonObject(request as unknown as Request, ctx.config.maxBodyBytes);
  const unit = parseUnit(body);
  // The project the import names, not the caller's (an admin request has no key, so no project).
  const stores = createStores(ctx.env.CACHE, ctx.config.kvWriteSpacingMs, unit.project);
  try {
    return Response.json(await importUnit(stores, unit));
  } catch (err) {
    if (err instanceof ImportInvalid) {
      return Response.json(
        { error: { message: err.message, type: "invalid_request_error", param: null, code: "invalid_export" }, errors: err.problems },
        { status: 400 },
      );
    }
    if (err instanceof ImportQuotaExceeded) {
      const written = err.partial.counts.kv_writes;
      return Response.json(
        {
          error: {
            message: `KV refused a write (${String(err.reason instanceof Error ? err.reason.message : err.reason).slice(0, 200)}) after ${written} write${written === 1 ? "" : "s"}. Run the same import again later (the free plan's 1,000 writes reset at 00:00 UTC): what is stored is skipped, nothing is duplicated.`,
            type: "rate_limit_error",
            param: null,
            code: "kv_write_limit",
          },
          result: err.partial,
        },
        { status: 429 },
      );
    }
    throw err;
  }
}

function parseUnit(body: Record<string, unknown>): ImportUnit {
  const project = optionalString(body, "project") ?? DEFAULT_PROJECT;
  if (!PROJECT_RE.test(project)) {
    throw invalidParam(
      "project",
      "Invalid 'project': 1–64 lowercase letters, digits, '_' or '-', starting with a letter or digit (as issued keys name it).",
    );
  }
  const dryRun = optionalBoolean(body, "dry_run") ?? false;
  switch (body.kind) {
    case "assistants":
      if (!Array.isArray(body.items))
        throw invalidParam("items", "Expected 'items': an array of assistant objects.", "missing_required_parameter");
      return { kind: "assistants", project, dryRun, items: body.items };
    case "thread":
      if (body.thread === undefined)
        throw invalidParam("thread", "Expected 'thread': one thread file of the export.", "missing_required_parameter");
      return { kind: "thread", project, dryRun, file: body.thread };
    default:
      throw new OpenAIError(400, "Invalid 'kind': expected 'assistants' or 'thread'.", { param: "kind", code: "invalid_value" });
  }
}
