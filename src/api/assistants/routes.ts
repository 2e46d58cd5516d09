/** Routes for the Assistants API v2 (assistants, threads, messages, runs, run steps). */
import type { Route } from "../route";

export const ASSISTANTS_ROUTES: readonly Route[] = [];
