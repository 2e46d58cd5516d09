/**
 * Reasoning control as data: for each Workers AI model that thinks, the `env.AI.run` INPUTS
 * (2nd argument; the 3rd, options, is ignored for these) that switch thinking off or on and
 * that set its effort. A canonical ReasoningEffort maps through this table:
 *
 * - `none`: the model's off switch; a model that cannot stop thinking gets its lowest effort.
 * - `minimal` / `low` / `medium` / `high` / `xhigh` / `max`: the lowest effort the model offers
 *   at or above it (`minimal` → `low`; `xhigh` and `max` → its highest), plus its on switch
 *   when it thinks only when asked.
 * - absent: nothing is sent; the model's own default holds.
 *
 * Models not listed take no reasoning inputs here: they do not reason, reason always with no
 * control (QwQ, DeepSeek-R1-distill, qwen3-30b on Workers AI), or have no documented control.
 *
 * Sources:
 * - glm-4.7-flash: its input schema (cloudflare-docs `src/content/workers-ai-models/glm-4.7-flash.json`):
 *   `chat_template_kwargs.enable_thinking` (default true), `reasoning_effort` low|medium|high;
 *   both must be inputs, not options (cloudflare/ai#501, fixed in workers-ai-provider 3.1.12).
 * - glm-5.2, nemotron-3, gemma-4, kimi-k2.6: the same schema fields, verified live per model in
 *   anomalyco/models.dev#2084 and #2832; glm-5.2 adds `max` (cloudflare/cloudflare-docs#33022);
 *   Gemma 4 thinks only when asked (cloudflare/cloudflare-docs#33541).
 * - Kimi: its chat template's switch is `thinking`; `enable_thinking: false` is ignored on
 *   Workers AI (cloudflare/workers-sdk#13239).
 * - gpt-oss: `reasoning.effort` low|medium|high, always reasons, medium by default
 *   (models.dev#2084 "effort-only controls for GPT-OSS"; cloudflare-docs#33541).
 * - Fixed reasoning, no control: QwQ and DeepSeek-R1-distill (models.dev#2084), qwen3-30b-a3b
 *   (models.dev#2832 removed its claimed controls).
 */
import type { ReasoningEffort } from "../../types";

/** The effort levels a model's own knob takes, weakest first. */
type Level = "low" | "medium" | "high" | "max";

interface ReasoningKnob {
  /** Inputs that stop thinking; absent: the model always thinks. */
  off?: Record<string, unknown>;
  /** Inputs that start thinking, for a model that thinks only when asked. */
  on?: Record<string, unknown>;
  /** The effort levels it takes and the inputs that carry one. */
  effort: { levels: readonly Level[]; inputs: (level: Level) => Record<string, unknown> };
}

const TEMPLATE_OFF = { chat_template_kwargs: { enable_thinking: false } };
const TEMPLATE_ON = { chat_template_kwargs: { enable_thinking: true } };
const LOW_TO_HIGH: readonly Level[] = ["low", "medium", "high"];
const reasoningEffortInput = (level: Level) => ({ reasoning_effort: level });

const GLM_STYLE: ReasoningKnob = { off: TEMPLATE_OFF, effort: { levels: LOW_TO_HIGH, inputs: reasoningEffortInput } };
const GPT_OSS: ReasoningKnob = { effort: { levels: LOW_TO_HIGH, inputs: (level) => ({ reasoning: { effort: level } }) } };

export const REASONING_TABLE: Readonly<Record<string, ReasoningKnob>> = {
  "@cf/zai-org/glm-4.7-flash": GLM_STYLE,
  "@cf/zai-org/glm-5.2": { off: TEMPLATE_OFF, effort: { levels: ["low", "medium", "high", "max"], inputs: reasoningEffortInput } },
  "@cf/nvidia/nemotron-3-120b-a12b": GLM_STYLE,
  "@cf/google/gemma-4-26b-a4b-it": { off: TEMPLATE_OFF, on: TEMPLATE_ON, effort: { levels: LOW_TO_HIGH, inputs: reasoningEffortInput } },
  "@cf/moonshotai/kimi-k2.6": {
    off: { chat_template_kwargs: { thinking: false } },
    effort: { levels: LOW_TO_HIGH, inputs: reasoningEffortInput },
  },
  "@cf/openai/gpt-oss-120b": GPT_OSS,
  "@cf/openai/gpt-oss-20b": GPT_OSS,
};

/** How strong each canonical effort is, on the scale of the knobs' levels. */
const STRENGTH: Readonly<Record<Exclude<ReasoningEffort, "none">, number>> = {
  minimal: 0,
  low: 0,
  medium: 1,
  high: 2,
  xhigh: 3,
  max: 3,
};
const LEVEL_STRENGTH: Readonly<Record<Level, number>> = { low: 0, medium: 1, high: 2, max: 3 };

/** The reasoning inputs for `model` at `effort` (none for an absent effort or an unlisted model). */
export function reasoningInputs(model: string, effort: ReasoningEffort | undefined): Record<string, unknown> {
  const knob = REASONING_TABLE[model];
  if (!knob || effort === undefined) return {};
  const levels = knob.effort.levels;
  if (effort === "none") return knob.off ?? knob.effort.inputs(levels[0] ?? "low");
  const wanted = STRENGTH[effort];
  const level = levels.find((l) => LEVEL_STRENGTH[l] >= wanted) ?? levels.at(-1) ?? "high";
  return { ...knob.on, ...knob.effort.inputs(level) };
}
