/**
 * `npm ci` fails on machines of other platforms ("Missing: @cloudflare/workerd-darwin-64
 * from lock file") when a package's platform builds are not all in the lockfile, which
 * happens when a newer version's builds are missing from the registry. This keeps the
 * lockfile installable on macOS, Linux and Windows.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

interface LockEntry {
  version?: string;
  optionalDependencies?: Record<string, string>;
}

const lock = JSON.parse(readFileSync(new URL("../../package-lock.json", import.meta.url), "utf8")) as {
  packages: Record<string, LockEntry>;
};
const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
  devDependencies: Record<string, string>;
  dependencies: Record<string, string>;
};

describe("package-lock.json", () => {
  it("holds every platform build that any locked package lists as optional", () => {
    const missing: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      for (const name of Object.keys(entry.optionalDependencies ?? {})) {
        const nested = `${path}/node_modules/${name}`;
        if (!lock.packages[nested] && !lock.packages[`node_modules/${name}`]) missing.push(`${name} (for ${path || "root"})`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("has workerd builds for all five platforms and exact pins for the toolchain", () => {
    for (const p of ["darwin-64", "darwin-arm64", "linux-64", "linux-arm64", "windows-64"]) {
      expect(lock.packages[`node_modules/@cloudflare/workerd-${p}`], p).toBeDefined();
    }
    expect(pkg.devDependencies.wrangler).toBe("4.155.0");
    expect(pkg.devDependencies["@cloudflare/vitest-plugin"]).toBe("1.4.10");
    for (const [name, range] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })) {
      expect(range, name).toMatch(/^\d+\.\d+\.\d+$/);
    }
  });
});
