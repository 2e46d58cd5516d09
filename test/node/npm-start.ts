/**
 * Runs `npm start` (wrangler dev, the offline environment) on a free loopback port for a test
 * file, with optional `--var`s, and stops it (the whole process group: npm, wrangler, workerd).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";

/** A loopback port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, "127.0.0.1");
  await once(probe, "listening");
  const address = probe.address();
  probe.close();
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

export interface RunningServer {
  /** The API root, `http://127.0.0.1:<port>/v1`. */
  baseURL: string;
  stop(): void;
}

/**
 * Starts `npm start` with `vars` passed as `--var NAME:VALUE` (and `extraArgs` for wrangler, e.g.
 * `--persist-to <dir>` for local storage of its own); resolves once wrangler is ready.
 */
export async function startNpmStart(
  vars: Readonly<Record<string, string>> = {},
  extraArgs: readonly string[] = [],
): Promise<RunningServer> {
  const port = await freePort();
  const args = ["start", "--", "--port", String(port), ...Object.entries(vars).flatMap(([k, v]) => ["--var", `${k}:${v}`]), ...extraArgs];
  const server: ChildProcess = spawn("npm", args, {
    cwd: new URL("../..", import.meta.url).pathname,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Ready on")) resolve();
    };
    server.stdout?.on("data", onData);
    server.stderr?.on("data", onData);
    server.on("exit", (code) => reject(new Error(`npm start exited (${code}):\n${output}`)));
  });
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    stop() {
      if (!server.pid) return;
      try {
        process.kill(-server.pid, "SIGTERM");
      } catch {
        // already gone
      }
    },
  };
}
