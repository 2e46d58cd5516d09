/**
 * Request bodies of the vector store endpoints → plain typed inputs: create and modify
 * (`name`, `metadata`, `expires_after`, `file_ids`, `chunking_strategy`), attaching files
 * (`file_id` / `file_ids`, `attributes`, `chunking_strategy`) and search (`query` as a string
 * or a list, `max_num_results` 1–50, `ranking_options.score_threshold` 0–1, `filters`, and
 * `rewrite_query`, accepted and not applied: queries are searched as given).
 */
import { invalidParam } from "../http/errors";
import {
  asObject,
  emptyArray,
  optionalArray,
  optionalBoolean,
  optionalMetadata,
  optionalNumber,
  optionalObject,
  optionalString,
  requiredString,
  typeError,
} from "../http/validate";
import type { AttributeFilter, Attributes, ExpiresAfter, Metadata, StaticChunking } from "../wire/files";
import { parseAttributes, parseFilter } from "./attributes";
import { parseChunkingStrategy } from "./chunking";

type Body = Record<string, unknown>;

/** Files one request may attach (OpenAI's file batch limit). */
const MAX_FILE_IDS = 500;

export interface VectorStoreInput {
  name: string | undefined;
  metadata: Metadata | undefined;
  /** null: clear the policy (modify); undefined: leave it. */
  expiresAfter: ExpiresAfter | null | undefined;
  fileIds: string[];
  chunking: StaticChunking;
}

export function parseVectorStoreInput(body: Body): VectorStoreInput {
  return {
    name: optionalString(body, "name"),
    metadata: optionalMetadata(body),
    expiresAfter: "expires_after" in body ? parseExpiresAfter(body.expires_after) : undefined,
    fileIds: parseFileIds(body, "file_ids", false),
    chunking: parseChunkingStrategy(body.chunking_strategy),
  };
}

function parseExpiresAfter(raw: unknown): ExpiresAfter | null {
  if (raw === null) return null;
  const body = asObject(raw, "expires_after");
  if (body.anchor !== "last_active_at") {
    throw invalidParam(
      "expires_after.anchor",
      `Invalid 'expires_after.anchor': expected 'last_active_at', got ${JSON.stringify(body.anchor ?? null)}.`,
    );
  }
  const days = optionalNumber(body, "days", { min: 1, max: 365, integer: true }, "expires_after.days");
  if (days === undefined) throw typeError("expires_after.days", "an integer", null);
  return { anchor: "last_active_at", days };
}

/** A list of file ids (each a non-empty string); required lists must not be empty. */
export function parseFileIds(body: Body, key: string, required: boolean): string[] {
  const list = optionalArray(body, key);
  if (list === undefined) {
    if (required) throw typeError(key, "an array", null);
    return [];
  }
  if (required && list.length === 0) throw emptyArray(key);
  if (list.length > MAX_FILE_IDS)
    throw invalidParam(key, `Invalid '${key}': at most ${MAX_FILE_IDS} files per request, got ${list.length}.`);
  const ids = list.map((id, i) => {
    if (typeof id !== "string" || id === "") throw typeError(`${key}[${i}]`, "a non-empty string", id);
    return id;
  });
  return [...new Set(ids)];
}

export interface AttachInput {
  fileIds: string[];
  attributes: Attributes | null;
  chunking: StaticChunking;
}

/** `POST …/files` (`file_id`) or `POST …/file_batches` (`file_ids`). */
export function parseAttachInput(body: Body, batch: boolean): AttachInput {
  return {
    fileIds: batch ? parseFileIds(body, "file_ids", true) : [requiredString(body, "file_id")],
    attributes: parseAttributes(body.attributes),
    chunking: parseChunkingStrategy(body.chunking_strategy),
  };
}

export interface SearchInput {
  query: string[];
  maxResults: number;
  scoreThreshold: number;
  filter: AttributeFilter | undefined;
}

export function parseSearchInput(body: Body): SearchInput {
  const raw = body.query;
  if (raw === undefined || raw === null) throw typeError("query", "a string or an array of strings", null);
  const query = typeof raw === "string" ? [raw] : Array.isArray(raw) ? raw : undefined;
  if (!query?.every((q): q is string => typeof q === "string")) throw typeError("query", "a string or an array of strings", raw);
  if (query.length === 0 || query.some((q) => q.trim() === "")) {
    throw invalidParam("query", "Invalid 'query': the search query must not be empty.", "empty_query");
  }
  optionalBoolean(body, "rewrite_query");
  const ranking = optionalObject(body, "ranking_options");
  if (ranking) {
    const ranker = optionalString(ranking, "ranker", "ranking_options.ranker");
    if (ranker !== undefined && !["auto", "none", "default-2024-11-15"].includes(ranker)) {
      throw invalidParam(
        "ranking_options.ranker",
        `Invalid 'ranking_options.ranker': '${ranker}'. Expected 'auto', 'none' or 'default-2024-11-15'.`,
      );
    }
  }
  return {
    query,
    maxResults: optionalNumber(body, "max_num_results", { min: 1, max: 50, integer: true }) ?? 10,
    scoreThreshold: (ranking && optionalNumber(ranking, "score_threshold", { min: 0, max: 1 }, "ranking_options.score_threshold")) ?? 0,
    filter: parseFilter(body.filters),
  };
}
