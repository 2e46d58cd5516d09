/**
 * `POST /v1/audio/transcriptions` and `/v1/audio/translations` (multipart upload → Whisper →
 * json/text/srt/vtt/verbose_json) and `POST /v1/audio/speech` (text → an audio body with the
 * format's content type).
 */
import type { IRequest } from "itty-router";
import { getAiRunner } from "../ai/backend";
import { runSpeech } from "../ai/workers-ai/run-speech";
import { readJsonObject } from "../http/read-json";
import { readMultipart } from "../http/read-multipart";
import { parseSpeechRequest } from "../surface/audio/parse-speech-request";
import { transcribe } from "../surface/audio/transcribe";
import type { AppContext } from "./context";

/** Room for the form's other fields and multipart framing around the file. */
const FORM_OVERHEAD_BYTES = 1024 * 1024;

export async function handleTranscriptions(request: IRequest, ctx: AppContext): Promise<Response> {
  const form = await readMultipart(request as unknown as Request, ctx.config.maxAudioBytes + FORM_OVERHEAD_BYTES);
  return transcribe(form, "transcribe", ctx);
}

export async function handleTranslations(request: IRequest, ctx: AppContext): Promise<Response> {
  const form = await readMultipart(request as unknown as Request, ctx.config.maxAudioBytes + FORM_OVERHEAD_BYTES);
  return transcribe(form, "translate", ctx);
}

export async function handleSpeech(request: IRequest, ctx: AppContext): Promise<Response> {
  const body = await readJsonObject(request as unknown as Request, ctx.config.maxBodyBytes);
  const parsed = parseSpeechRequest(body, ctx.config);
  const audio = await runSpeech(getAiRunner(ctx.env), parsed.model, parsed);
  return new Response(audio.body, {
    headers: { "content-type": audio.contentType, "openai-model": parsed.model.requested, "x-workers-ai-model": parsed.model.id },
  });
}
