/**
 * CPU per request, in-process: `process.cpuUsage()` (user + system, µs) around a round of
 * sequential requests, divided by the round's requests; the median of several rounds. The
 * Worker's rounds and its floor's alternate (floor, ours, floor, ours, …) after a warm-up of
 * both, so drift in machine load and V8's tiering hits both alike. Preparation a round needs
 * (fresh threads, say) runs before the clock starts.
 */

/**
 * @param {{ rounds: number, iterations: number, warmup: number,
 *   prepare?: (n: number) => Promise<unknown>,
 *   app: (i: number, prepared: unknown) => Promise<void>,
 *   floor: (i: number, prepared: unknown) => Promise<void> }} options
 * @returns {Promise<{ appMs: number, floorMs: number, appRounds: number[], floorRounds: number[] }>}
 */
export async function measurePair({ rounds, iterations, warmup, prepare = async () => undefined, app, floor }) {
  const warm = await prepare(warmup);
  for (let i = 0; i < warmup; i++) await floor(i, warm);
  const warmApp = await prepare(warmup);
  for (let i = 0; i < warmup; i++) await app(i, warmApp);
  const appRounds = [];
  const floorRounds = [];
  for (let r = 0; r < rounds; r++) {
    floorRounds.push(await timeRound(iterations, await prepare(iterations), floor));
    appRounds.push(await timeRound(iterations, await prepare(iterations), app));
  }
  return { appMs: median(appRounds), floorMs: median(floorRounds), appRounds, floorRounds };
}

async function timeRound(n, prepared, run) {
  const start = process.cpuUsage();
  for (let i = 0; i < n; i++) await run(i, prepared);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / n;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
