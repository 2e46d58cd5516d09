/** Routes for the rest of OpenAI's surface (embeddings, images, audio, moderations, completions). */
import type { Route } from "./route";

export const SURFACE_ROUTES: readonly Route[] = [];
