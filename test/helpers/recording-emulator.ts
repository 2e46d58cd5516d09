/** The offline emulator as the `AI` binding, recording the model and inputs of every call (tests assert what was sent). */
import type { AiRunner } from "../../src/ai/types";
import { createEmulatedAi } from "../../src/dev/emulator/emulated-ai";

export type RecordingEmulator = AiRunner & { calls: { model: string; inputs: Record<string, unknown> }[] };

export function recordingEmulator(): RecordingEmulator {
  const emulator = createEmulatedAi();
  const calls: RecordingEmulator["calls"] = [];
  return {
    calls,
    run(model, inputs, options) {
      calls.push({ model, inputs });
      return emulator.run(model, inputs, options);
    },
  };
}
