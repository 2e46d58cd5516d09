/**
 * Workers AI returns media in several kinds, by model: a byte stream (Stable Diffusion
 * family, Aura), a Response (`returnRawResponse`), raw bytes, a JSON object carrying base64
 * (`{image}` for flux-1-schnell, `{audio}` for MeloTTS) or a bare base64 string. This reads
 * any of them into bytes; anything else is a 502 naming what arrived.
 */
import { OpenAIError } from "../../../http/errors";
import { base64ToBytes, looksLikeBase64 } from "../../../util/base64";

export async function readBinaryOutput(output: unknown, field: "image" | "audio", model: string): Promise<Uint8Array> {
  if (output instanceof ReadableStream) return new Uint8Array(await new Response(output).arrayBuffer());
  if (output instanceof Response) return new Uint8Array(await output.arrayBuffer());
  if (output instanceof ArrayBuffer) return new Uint8Array(output);
  if (ArrayBuffer.isView(output)) return new Uint8Array(output.buffer, output.byteOffset, output.byteLength);
  const text =
    typeof output === "string" ? output : output && typeof output === "object" ? (output as Record<string, unknown>)[field] : undefined;
  if (typeof text === "string" && looksLikeBase64(text)) return base64ToBytes(text);
  throw new OpenAIError(502, `Workers AI returned no ${field} data from ${model} (got ${describe(output)}).`, {
    type: "server_error",
    code: "upstream_error",
  });
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === "object") return `an object with keys ${Object.keys(value).slice(0, 5).join(", ") || "none"}`;
  return `a ${typeof value}`;
}
