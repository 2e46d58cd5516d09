/**
 * The file_search tool's settings, as both APIs spell them (`max_num_results`, `ranking_options`
 * with `ranker` and `score_threshold`), validated once, and how one turn's search uses them.
 */
import { invalidParam } from "../http/errors";
import { type Body, optionalNumber, optionalObject, optionalString } from "../http/validate";

/** Results put in the prompt when a tool names no `max_num_results`: small models have small context windows. */
export const DEFAULT_MAX_RESULTS = 5;

const RANKERS = ["auto", "default_2024_08_21", "default-2024-11-15", "none"];

export interface FileSearchSettings {
  maxResults: number;
  scoreThreshold: number;
  /** The ranker as given ("auto" when none was); ranking here is always cosine similarity. */
  ranker: string;
}

/** Reads `max_num_results` and `ranking_options` from `body` (the tool, or its `file_search` object); `path` prefixes params. */
export function parseFileSearchSettings(body: Body, path: string): FileSearchSettings {
  const ranking = optionalObject(body, "ranking_options", `${path}ranking_options`);
  const ranker = ranking ? optionalString(ranking, "ranker", `${path}ranking_options.ranker`) : undefined;
  if (ranker !== undefined && !RANKERS.includes(ranker))
    throw invalidParam(
      `${path}ranking_options.ranker`,
      `Invalid value: '${ranker}'. Supported values are: ${RANKERS.map((r) => `'${r}'`).join(", ")}.`,
    );
  return {
    maxResults:
      optionalNumber(body, "max_num_results", { integer: true, min: 1, max: 50 }, `${path}max_num_results`) ?? DEFAULT_MAX_RESULTS,
    scoreThreshold:
      (ranking && optionalNumber(ranking, "score_threshold", { min: 0, max: 1 }, `${path}ranking_options.score_threshold`)) ?? 0,
    ranker: ranker ?? "auto",
  };
}
