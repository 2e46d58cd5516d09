/**
 * `stream` and `stream_options`, as chat completions and legacy completions both take them:
 * `stream_options` is allowed only with `stream: true`, and `include_usage` asks for a final
 * usage chunk.
 */
import { invalidParam } from "../http/errors";
import { optionalBoolean, optionalObject } from "../http/validate";

/** Whether to stream, and whether a streamed answer ends with a usage chunk. */
export interface StreamOptions {
  stream: boolean;
  includeUsage: boolean;
}

/** Reads `stream` and `stream_options` from a request body. */
export function parseStreamOptions(body: Record<string, unknown>): StreamOptions {
  const streamOptions = optionalObject(body, "stream_options");
  const stream = optionalBoolean(body, "stream") ?? false;
  if (streamOptions && !stream)
    throw invalidParam("stream_options", "The 'stream_options' parameter is only allowed when 'stream' is enabled.");
  const includeUsage = streamOptions ? (optionalBoolean(streamOptions, "include_usage", "stream_options.include_usage") ?? false) : false;
  return { stream, includeUsage };
}
