/**
 * `[emulate-error:NNNN]` anywhere in a request's text inputs (`text`, `prompt`, message
 * contents) makes an emulated call reject with `Error("NNNN: emulated error")`, the real
 * binding's "<code>: <message>" format, so error mapping can be exercised offline.
 */
import { isRecord } from "./is-record";

const MARKER = /\[emulate-error:(\d+)\]/;

export function throwOnErrorMarker(inputs: Record<string, unknown>): void {
  const code = texts(inputs)
    .map((t) => MARKER.exec(t)?.[1])
    .find((c) => c !== undefined);
  if (code !== undefined) throw new Error(`${code}: emulated error`);
}

function texts(inputs: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const key of ["text", "prompt", "queries", "documents"]) {
    const v = inputs[key];
    if (typeof v === "string") out.push(v);
    else if (Array.isArray(v)) for (const s of v) if (typeof s === "string") out.push(s);
  }
  if (Array.isArray(inputs.messages)) {
    for (const m of inputs.messages) if (isRecord(m) && typeof m.content === "string") out.push(m.content);
  }
  return out;
}
