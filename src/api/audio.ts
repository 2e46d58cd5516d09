/**
 * `POST /v1/audio/transcriptions` and `/v1/audio/translations` (multipart upload → Whisper →
 * json/text/srt/vtt/verbose_json) and `POST /v1/audio/speech` (text → an audio body with the
 * format's content type).
 */
import type { ApiRequest } from "./route";
import { providerFor } from "../ai/providers/provider-for";
import { readJsonObject } from "../http/read-json";
import { readMultipart } from "../http/read-multipart";
import { parseSpeechRequest } from "../surface/audio/parse-speech-request";
import { parseTranscriptionRequest } from "../surface/audio/parse-transcription-request";
import { transcribe } from "../surface/audio/transcribe";
import { type AppContext, allowedModels } from "./context";

/** Room for the form's other fields and multipart framing around the file. */
const FORM_OVERHEAD_BYTES = 1024 * 1024;

export function handleTranscriptions(request: ApiRequest, ctx: AppContext): Promise<Response> {
  return handleSpeechToText(request, ctx, "transcribe");
}

export function handleTranslations(request: ApiRequest, ctx: AppContext): Promise<Response> {
  return handleSpeechToText(request, ctx, "translate");
}

async function handleSpeechToText(request: ApiRequest, ctx: AppContext, task: "transcribe" | "translate"): Promise<Response> {
  const form = await readMultipart(request as unknown as Request, ctx.config.maxAudioBytes + FORM_OVERHEAD_BYTES);
  const parsed = await parseTranscriptionRequest(form, task, ctx.config, allowedModels(ctx));
  const response = await transcribe(parsed, providerFor(parsed.model, ctx.env, ctx.config));
  ctx.usage?.add(parsed.model.requested, 0, 0);
  return response;
}

export async function handleSpeech(request: ApiRequest, ctx: AppContext): Promise<Response> {
  const body = await readJsonObject(request as unknown as Request, ctx.config.maxBodyBytes);
  const parsed = parseSpeechRequest(body, ctx.config, allowedModels(ctx));
  const audio = await providerFor(parsed.model, ctx.env, ctx.config).speak(parsed.model, parsed);
  ctx.usage?.add(parsed.model.requested, 0, 0);
  return new Response(audio.body, {
    headers: { "content-type": audio.contentType, "openai-model": parsed.model.requested, "x-workers-ai-model": parsed.model.model },
  });
}
