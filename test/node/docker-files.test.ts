/**
 * Static checks of the Docker setup (no Docker engine needed): the compose services and what
 * each needs, the Dockerfile's pins and user, the ignore file and the credentials template.
 * These catch the drift that breaks users silently: a wrangler version bumped in package.json
 * but not in the image, a renamed script, a service that lost its port or its .env, `local`
 * drifting from `npm start`. `npm run docker:smoke` runs the same flow on a real engine; here
 * only its no-engine path runs, as in CI.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const read = (path: string) => readFileSync(root + path, "utf8");

type Service = {
  build?: unknown;
  user?: string;
  image?: string;
  command?: string[];
  entrypoint?: string[];
  env_file?: (string | { path: string; required?: boolean })[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  stdin_open?: boolean;
  tty?: boolean;
};
const compose = parse(read("docker-compose.yml"), { merge: true }) as {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
};
const services = compose.services;
const envFiles = (s: Service) => (s.env_file ?? []).map((e) => (typeof e === "string" ? e : e.path));
const pkg = JSON.parse(read("package.json")) as {
  scripts: Record<string, string>;
  devDependencies: Record<string, string>;
};
const wranglerVersion: string = pkg.devDependencies.wrangler ?? "";
const dockerfile = read("Dockerfile");
const workerName = /^name\s*=\s*"([^"]+)"/m.exec(read("wrangler.toml"))?.[1];

describe("docker-compose.yml", () => {
  const credentialed = ["create-kv", "create-kv-preview", "setup", "secret", "deploy", "dev"];

  it("has one service per job", () => {
    expect(Object.keys(services).sort()).toEqual(
      ["base", "create-kv", "create-kv-preview", "deploy", "dev", "import", "install", "keygen", "local", "secret", "setup"].sort(),
    );
  });

  it("builds every service from this Dockerfile into one image, with the checkout and a node_modules volume", () => {
    const images = new Set(Object.values(services).map((s) => s.image));
    expect(images.size).toBe(1);
    for (const [name, s] of Object.entries(services)) {
      expect(s.build, name).toBe(".");
      expect(s.volumes, name).toContain(".:/app");
      expect(s.volumes, name).toContain("node_modules:/app/node_modules");
    }
    expect(compose.volumes).toHaveProperty("node_modules");
  });

  it("gives the services that talk to Cloudflare the .env credentials, and the offline ones none", () => {
    for (const name of credentialed) expect(envFiles(services[name]!), name).toEqual([".env"]);
    for (const name of ["local", "base", "keygen", "install"]) expect(envFiles(services[name]!), name).toEqual([]);
  });

  it("runs the right wrangler command in each wrangler service", () => {
    const cmd = (name: string) => services[name]!.command?.join(" ");
    expect(cmd("base")).toBe("usage");
    expect(cmd("create-kv")).toBe(`kv namespace create ${workerName}-CACHE`);
    expect(cmd("create-kv-preview")).toBe(`kv namespace create ${workerName}-CACHE --preview`);
    expect(cmd("deploy")).toBe("deploy");
    expect(cmd("secret")).toBe("secret put API_KEYS");
    expect(cmd("dev")).toBe("dev --ip 0.0.0.0 --port 8787");
    expect(cmd("local")).toBe("dev --env local --ip 0.0.0.0 --port 8787");
  });

  it("publishes 8787 for dev and local only", () => {
    for (const [name, s] of Object.entries(services)) {
      expect(s.ports ?? [], name).toEqual(name === "dev" || name === "local" ? ["8787:8787"] : []);
    }
  });

  it("keeps `secret` interactive for wrangler's prompt", () => {
    expect(services.secret).toMatchObject({ stdin_open: true, tty: true });
  });

  it("runs the helper scripts, which exist, for setup, keygen and install, as the checkout's owner", () => {
    const asOwner = ["sh", "/app/docker/as-owner.sh"];
    expect(services.setup!.entrypoint).toEqual([...asOwner, "node", "/app/scripts/setup-kv.mjs"]);
    expect(services.setup!.environment?.WRANGLER_BIN).toBe("wrangler");
    expect(services.keygen!.entrypoint).toEqual([...asOwner, "node", "/app/scripts/keygen.mjs"]);
    expect(services.import!.entrypoint).toEqual([...asOwner, "node", "/app/scripts/import.mjs"]);
    expect(services.install!.entrypoint).toEqual([...asOwner, "sh", "/app/docker/install.sh"]);
    for (const s of Object.values(services)) {
      for (const arg of s.entrypoint ?? []) if (arg.startsWith("/app/")) expect(existsSync(root + arg.slice(5)), arg).toBe(true);
    }
  });

  it("starts every service as root only to hand over to the checkout's owner (no --user flag on any host)", () => {
    const imageEntrypoint = /^ENTRYPOINT\s+(\[.*\])$/m.exec(dockerfile)?.[1];
    for (const [name, s] of Object.entries(services)) {
      expect(s.user, name).toBe("root");
      const entrypoint = s.entrypoint ?? (JSON.parse(imageEntrypoint ?? "[]") as string[]);
      expect(entrypoint.slice(0, 2), name).toEqual(["sh", "/app/docker/as-owner.sh"]);
    }
    const asOwner = read("docker/as-owner.sh");
    expect(asOwner).toMatch(/^uid=\$\(stat -c %u \/app\)$/m);
    expect(asOwner).toMatch(/^exec setpriv --reuid="\$uid" --regid="\$gid" --clear-groups -- "\$@"$/m);
    expect(asOwner).toMatch(/chown -R "\$uid:\$gid" \/app\/node_modules/);
  });

  it("runs `local` offline exactly like `npm start`: its environment variables and wrangler arguments", () => {
    const start = /^((?:[A-Z_]+=\S+\s+)+)wrangler (.+)$/.exec(pkg.scripts.start ?? "");
    expect(start, pkg.scripts.start).not.toBeNull();
    const startEnv = Object.fromEntries(
      start![1]!
        .trim()
        .split(/\s+/)
        .map((a) => a.split("=") as [string, string]),
    );
    expect(startEnv).toHaveProperty("CLOUDFLARE_CF_FETCH_ENABLED", "false");
    for (const [key, value] of Object.entries(startEnv)) {
      const imageEnv = new RegExp(`\\b${key}=${value}\\b`).test(dockerfile);
      expect(services.local!.environment?.[key] ?? (imageEnv ? value : undefined), key).toBe(value);
    }
    expect(services.local!.command?.join(" ")).toBe(`${start![2]} --ip 0.0.0.0 --port 8787`);
  });
});

describe("Dockerfile", () => {
  const instructions = dockerfile
    .replace(/\\\n/g, " ")
    .split("\n")
    .filter((l) => l.trim() && !l.trimStart().startsWith("#"));

  it("starts from a glibc Node >= 22 base (workerd does not run on musl/Alpine)", () => {
    const from = instructions.filter((l) => /^FROM\s/i.test(l));
    expect(from).toHaveLength(1);
    const m = /^FROM\s+node:(\d+)-(\S+)/i.exec(from[0]!);
    expect(Number(m?.[1])).toBeGreaterThanOrEqual(22);
    expect(m?.[2]).not.toMatch(/alpine/);
  });

  it("installs the system CA store workerd verifies TLS against", () => {
    expect(instructions.some((l) => /^RUN .*apt-get install .*\bca-certificates\b/.test(l))).toBe(true);
  });

  it("pins wrangler to package.json's version, which the lockfile installs", () => {
    expect(dockerfile).toMatch(new RegExp(`^ARG WRANGLER_VERSION=${wranglerVersion.replaceAll(".", "\\.")}$`, "m"));
    const lock = JSON.parse(read("package-lock.json")) as { packages: Record<string, { version: string }> };
    expect(lock.packages["node_modules/wrangler"]?.version).toBe(wranglerVersion);
    expect(read("docker/install.sh")).toMatch(/"\$installed" != "\$\{WRANGLER_VERSION:\?\}"/);
  });

  it("installs with npm ci from the lockfile and copies the build context, never cloning", () => {
    expect(instructions).toContain("COPY --chown=node:node package.json package-lock.json ./");
    expect(dockerfile).toMatch(/^RUN sh docker\/install\.sh\b/m);
    expect(read("docker/install.sh")).toMatch(/^npm ci\b/m);
    expect(instructions).toContain("COPY --chown=node:node . .");
    expect(dockerfile).not.toMatch(/git\s+clone/);
  });

  it("runs as node, without metrics, with wrangler as the entrypoint", () => {
    const users = instructions.filter((l) => /^USER\s/.test(l));
    expect(users.at(-1)).toBe("USER node");
    expect(dockerfile).toMatch(/WRANGLER_SEND_METRICS=false/);
    expect(instructions).toContain('ENTRYPOINT ["sh", "/app/docker/as-owner.sh", "sh", "/app/docker/entrypoint.sh"]');
    expect(read("docker/entrypoint.sh")).toMatch(/^exec wrangler "\$@"$/m);
  });
});

describe("docker/ scripts", () => {
  it("are valid sh", () => {
    for (const f of ["docker/entrypoint.sh", "docker/install.sh", "docker/as-owner.sh"]) {
      const r = spawnSync("sh", ["-n", root + f], { encoding: "utf8" });
      expect(r.status, `${f}: ${r.stderr}`).toBe(0);
    }
  });

  it("entrypoint prints usage naming every service when run without arguments", () => {
    const r = spawnSync("sh", [`${root}docker/entrypoint.sh`], { encoding: "utf8" });
    expect(r.status).toBe(0);
    for (const name of ["setup", "secret", "deploy", "dev", "local", "keygen", "install"]) expect(r.stdout).toContain(name);
  });
});

describe("npm run docker:smoke", () => {
  /** Runs the smoke script with a stand-in `docker` that answers `info` and `compose version` as given. */
  const smokeWith = (info: number, compose: number) => {
    const bin = mkdtempSync(join(tmpdir(), "fake-docker-"));
    try {
      writeFileSync(
        join(bin, "docker"),
        `#!/bin/sh\n[ "$1" = info ] && exit ${info}\n[ "$1 $2" = "compose version" ] && exit ${compose}\nexit 99\n`,
      );
      chmodSync(join(bin, "docker"), 0o755);
      return spawnSync("bash", [`${root}scripts/docker-smoke.sh`], {
        encoding: "utf8",
        env: { ...process.env, PATH: `${bin}:/usr/bin:/bin` },
      });
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  };

  it("is the project script, valid bash", () => {
    expect(pkg.scripts["docker:smoke"]).toBe("bash scripts/docker-smoke.sh");
    const r = spawnSync("bash", ["-n", `${root}scripts/docker-smoke.sh`], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
  });

  it("skips with a clear line, and succeeds, where there is no Docker engine", () => {
    const r = smokeWith(1, 0);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe("docker-smoke: skipped: no Docker engine here (`docker info` failed)\n");
  });

  it("skips with a clear line where the engine has no Compose v2", () => {
    const r = smokeWith(0, 1);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe("docker-smoke: skipped: the engine has no Compose v2 (`docker compose`)\n");
  });
});

describe(".dockerignore and docker/.env.example", () => {
  const ignored = read(".dockerignore")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));

  it("keeps host modules, state, history and secrets out of the build context", () => {
    expect(ignored).toContain("node_modules");
    expect(ignored).toContain(".wrangler");
    expect(ignored).toContain(".git");
    expect(ignored.some((l) => l === ".env" || l === "**/.env")).toBe(true);
    expect(ignored.some((l) => l.startsWith("!"))).toBe(false);
  });

  it("lists both credentials, empty", () => {
    const vars = read("docker/.env.example")
      .split("\n")
      .filter((l) => /^[A-Z_]+=/.test(l));
    expect(vars).toEqual(["CLOUDFLARE_API_TOKEN=", "CLOUDFLARE_ACCOUNT_ID="]);
  });
});
