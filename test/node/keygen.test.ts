/**
 * scripts/keygen.mjs: the key format clients will paste into OpenAI SDKs, that keys do not
 * repeat, and that a NAME which would break the comma-separated API_KEYS list is refused.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const script = fileURLToPath(new URL("../../scripts/keygen.mjs", import.meta.url));
const KEY = /^sk-([A-Za-z0-9-]+)-([A-Za-z0-9]{43})$/;

function keygen(...args: string[]) {
  const r = spawnSync(process.execPath, [script, ...args], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("keygen", () => {
  it("prints only sk-NAME-<43 base62 chars> on stdout and how to install it on stderr", () => {
    const r = keygen("alice");
    expect(r.code).toBe(0);
    const key = r.stdout.trim();
    expect(r.stdout).toBe(`${key}\n`);
    expect(KEY.exec(key)?.[1]).toBe("alice");
    expect(r.stderr).toContain("API_KEYS");
    expect(r.stderr).toContain("comma-separated");
    expect(r.stderr).toContain(`Authorization: Bearer ${key}`);
  });

  it("accepts letters, digits and inner dashes", () => {
    for (const name of ["Team-App-2", "x", "a".repeat(32), "0day"]) {
      const r = keygen(name);
      expect(r.code, name).toBe(0);
      expect(KEY.exec(r.stdout.trim())?.[1]).toBe(name);
    }
  });

  it("never repeats a key", async () => {
    const { makeKey } = await import(new URL("../../scripts/keygen.mjs", import.meta.url).href);
    const keys = new Set(Array.from({ length: 2000 }, () => makeKey("load")));
    expect(keys.size).toBe(2000);
    for (const k of keys) expect(k).toMatch(KEY);
    expect(keygen("bob").stdout).not.toBe(keygen("bob").stdout);
  });

  it("uses the whole base62 alphabet", async () => {
    const { randomBase62 } = await import(new URL("../../scripts/keygen.mjs", import.meta.url).href);
    const seen = new Set(randomBase62(20_000));
    expect(seen.size).toBe(62);
  });

  it("rejects a bad NAME with exit code 2 and prints no key", () => {
    const bad = ["", "bad name", "-lead", "trail-", "a_b", "a,b", "ü", "a".repeat(33), "a/b"];
    for (const name of bad) {
      const r = keygen(name);
      expect(r.code, JSON.stringify(name)).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toContain("invalid NAME");
    }
  });

  it("prints usage without exactly one argument", () => {
    for (const args of [[], ["a", "b"]]) {
      const r = keygen(...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("usage:");
    }
  });
});
