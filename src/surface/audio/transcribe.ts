/**
 * The speech-to-text service behind transcriptions and translations: transcribe the parsed
 * upload, render the requested format. The duration comes from the model when it reports
 * one, else from the WAV header, else from the last timestamp.
 */
import type { TranscriptionProvider } from "../../ai/providers/types";
import { wavDurationSeconds } from "../../util/media";
import type { TranscriptionRequest } from "./parse-transcription-request";
import { renderTranscript } from "./render-transcript";

export async function transcribe(request: TranscriptionRequest, provider: TranscriptionProvider): Promise<Response> {
  const transcript = await provider.transcribe(request.model, request.job);
  const response = renderTranscript(transcript, {
    format: request.format,
    task: request.job.task,
    granularities: request.granularities,
    duration: transcript.duration ?? (request.container === "wav" ? wavDurationSeconds(request.job.audio) : undefined),
    fallbackLanguage: request.job.language ?? (request.model.info?.language === "en" ? "en" : undefined),
  });
  response.headers.set("openai-model", request.model.requested);
  response.headers.set("x-workers-ai-model", request.model.model);
  return response;
}
