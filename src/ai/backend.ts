/**
 * The `AI` binding for a request: the real binding when bound; the offline emulator only
 * when explicitly configured (AI_EMULATOR="true", set by `[env.local]`); otherwise a clear
 * configuration error — never fake answers. Providers that run on the binding get it here.
 */
import type { Config } from "../config";
import { OpenAIError } from "../http/errors";
import { createEmulatedAi } from "./emulator/emulated-ai";
import type { AiRunner } from "./types";

export interface BackendEnv {
  AI?: unknown;
}

export function getAiRunner(env: BackendEnv, config: Config): AiRunner {
  if (env.AI) return env.AI as AiRunner;
  if (config.emulator) return createEmulatedAi();
  throw new OpenAIError(
    500,
    'This ai-forwarder deployment has no Workers AI binding. Add `[ai] binding = "AI"` to wrangler.toml and redeploy (or run offline with `npm start`).',
    { type: "server_error", code: "ai_binding_missing" },
  );
}
