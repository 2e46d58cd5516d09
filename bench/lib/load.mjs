/**
 * The two load drivers: autocannon for single-request scenarios (a fixed number of requests
 * over a few keep-alive connections), and a small bounded fetch loop for scenarios one
 * request cannot express (an Assistants turn is two chained requests on a thread of its
 * own). Both return every latency in milliseconds, measured to the end of the response body.
 */
import autocannon from "autocannon";

/**
 * @param {{ url: string, method?: string, headers?: Record<string,string>, body?: string,
 *   amount: number, connections: number }} options
 * @returns {Promise<{ latencies: number[], wallMs: number, failures: number }>}
 */
export function runAutocannon({ url, method = "GET", headers = {}, body, amount, connections }) {
  const latencies = [];
  let failures = 0;
  const started = performance.now();
  // autocannon reports only on its 1-second ticker, so the wall time ends at the last response.
  let last = started;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url, method, headers, body, amount, connections, pipelining: 1, timeout: 30, bailout: 10 },
      (err, result) => {
        if (err) return reject(err);
        failures += result.errors + result.timeouts;
        resolve({ latencies, wallMs: last - started, failures });
      },
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      last = performance.now();
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
      else failures++;
    });
  });
}

/**
 * Runs `iterate(worker, index)` `iterations` times on `concurrency` workers; each worker
 * takes the next index when it is free. A throw counts as a failure.
 * @param {{ iterations: number, concurrency: number, iterate: (worker: number, index: number) => Promise<void> }} options
 */
export async function runLoop({ iterations, concurrency, iterate }) {
  const latencies = [];
  let failures = 0;
  let next = 0;
  let firstError;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (next < iterations) {
        const index = next++;
        const t0 = performance.now();
        try {
          await iterate(worker, index);
          latencies.push(performance.now() - t0);
        } catch (err) {
          failures++;
          firstError ??= err;
        }
      }
    }),
  );
  return { latencies, wallMs: performance.now() - started, failures, firstError };
}

/** Nearest-rank percentile of `values` (0 < q ≤ 1). */
export function percentile(values, q) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
