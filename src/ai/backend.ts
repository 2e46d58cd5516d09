/**
 * The `AI` binding for a request: the real binding when bound; otherwise a clear
 * configuration error, never fake answers. Providers that run on the binding get it here.
 * (Offline, `[env.local]`'s entry binds the emulator as `AI` before a request gets here:
 * src/dev/local-entry.ts.)
 */
import { OpenAIError } from "../http/errors";
import type { AiRunner } from "./types";

export interface BackendEnv {
  AI?: Ai;
}

export function getAiRunner(env: BackendEnv): AiRunner {
  // The one place the generated `Ai` becomes the narrow `AiRunner`: `Ai.run`'s overloads are
  // typed per literal model id, while ours come from config and requests at run time, and the
  // adapters need only `run` (which is also all the emulator and test fakes implement).
  if (env.AI) return env.AI as AiRunner;
  throw new OpenAIError(
    500,
    'This ai-forwarder deployment has no Workers AI binding. Add `[ai] binding = "AI"` to wrangler.toml and redeploy (or run offline with `npm start`).',
    { type: "server_error", code: "ai_binding_missing" },
  );
}
