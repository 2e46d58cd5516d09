/**
 * The speech-to-text service behind transcriptions and translations: parse the upload,
 * run Whisper, render the requested format. The duration comes from the model when it
 * reports one, else from the WAV header, else from the last timestamp.
 */
import { getAiRunner } from "../../ai/backend";
import { runTranscription } from "../../ai/workers-ai/run-transcription";
import type { AppContext } from "../../api/context";
import { wavDurationSeconds } from "../../util/media";
import { parseTranscriptionRequest } from "./parse-transcription-request";
import { renderTranscript } from "./render-transcript";

export async function transcribe(form: FormData, task: "transcribe" | "translate", ctx: AppContext): Promise<Response> {
  const request = await parseTranscriptionRequest(form, task, ctx.config);
  const transcript = await runTranscription(getAiRunner(ctx.env), request.model, request.job);
  const response = renderTranscript(transcript, {
    format: request.format,
    task,
    granularities: request.granularities,
    duration: transcript.duration ?? (request.container === "wav" ? wavDurationSeconds(request.job.audio) : undefined),
    fallbackLanguage: request.job.language ?? (request.model.info?.language === "en" ? "en" : undefined),
  });
  response.headers.set("openai-model", request.model.requested);
  response.headers.set("x-workers-ai-model", request.model.id);
  return response;
}
