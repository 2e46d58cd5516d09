/**
 * The admin console in a real browser: Debian's Chromium (/usr/bin/chromium; `.ci/run` installs
 * it when missing, nothing downloads a browser) driven by playwright-core, against `npm start`
 * with ADMIN_PASSWORD set and a fake OpenAI-compatible upstream on loopback. One walk through
 * what an operator does: sign in, create a key and use it from the official `openai` SDK, see
 * its usage on the chart, restrict its models (the SDK then gets 404 for another model), edit a
 * route and test its upstream, stream a reply in the playground, revoke the key (the SDK then
 * gets 401); then the same pages in the dark color scheme and at a phone's viewport.
 * Screenshots go to test-results/screenshots/ (README, "Admin console").
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import OpenAI from "openai";
import { type Browser, type BrowserContext, type Page, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeUpstream, startFakeUpstream } from "../../../scripts/fake-upstream.mjs";
import { type RunningServer, startNpmStart } from "../npm-start";

const PASSWORD = "console-test-password";
const OPS_KEY = "sk-ops-0123456789";
const UPSTREAM_KEY = "sk-fake-upstream-for-console";
const SHOTS = new URL("../../../test-results/screenshots/", import.meta.url).pathname;
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

let server: RunningServer | undefined;
let upstream: FakeUpstream | undefined;
let browser: Browser | undefined;
let origin = "";
// Local KV and Durable Objects of its own, so keys and the routing override saved here never
// reach the other tests that run `npm start`.
const state = mkdtempSync(join(tmpdir(), "console-test-"));

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  upstream = await startFakeUpstream({ key: UPSTREAM_KEY });
  [server, browser] = await Promise.all([
    startNpmStart({ ADMIN_PASSWORD: PASSWORD, API_KEYS: OPS_KEY, FAKE_UPSTREAM_KEY: UPSTREAM_KEY, KV_WRITE_SPACING_MS: "0" }, [
      "--persist-to",
      state,
    ]),
    // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
    chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] }),
  ]);
  origin = server.baseURL.replace(/\/v1$/, "");
});

afterAll(async () => {
  await browser?.close();
  server?.stop();
  await upstream?.close();
  rmSync(state, { recursive: true, force: true });
});

const sdk = (apiKey: string) => new OpenAI({ baseURL: `${origin}/v1`, apiKey, maxRetries: 0 });
const hello = (client: OpenAI, model: string) => client.chat.completions.create({ model, messages: [{ role: "user", content: "hello" }] });

async function signIn(page: Page): Promise<void> {
  await page.goto(`${origin}/admin`);
  await page.locator("#sign-in-form [name=password]").fill(PASSWORD);
  await page.locator("#sign-in-form button[type=submit]").click();
  await page.locator("#keys h2").waitFor();
}

async function tab(page: Page, name: string): Promise<void> {
  await page.locator(`#tabs a[data-tab=${name}]`).click();
  await page.locator(`section#${name}`).waitFor();
}

const shoot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });

describe("the admin console in Chromium", () => {
  let context: BrowserContext;
  let page: Page;
  let key = "";
  let keyId = "";

  it("signs in with a Secure, HttpOnly, SameSite=Strict session cookie", async () => {
    context = await (browser as Browser).newContext({ colorScheme: "light", viewport: { width: 1280, height: 860 } });
    page = await context.newPage();
    page.on("dialog", (dialog) => dialog.accept());
    await page.goto(`${origin}/admin`);
    await page.locator("#sign-in-form").waitFor();
    await shoot(page, "sign-in-light");
    await page.locator("#sign-in-form [name=password]").fill("not the password");
    await page.locator("#sign-in-form button[type=submit]").click();
    await expect.poll(() => page.locator("#notice").textContent()).toContain("Incorrect admin password");
    await signIn(page);
    const [cookie] = await context.cookies();
    // Chromium keeps a Secure cookie from http://127.0.0.1 (a potentially trustworthy origin).
    expect(cookie).toMatchObject({ name: "ai_forwarder_admin", httpOnly: true, secure: true, sameSite: "Strict", path: "/admin" });
    expect(await page.evaluate(() => document.cookie)).toBe("");
  });

  it("creates a key, shown once, that the official SDK can use", async () => {
    const form = page.locator("#create-key-form");
    await form.locator("[name=name]").fill("Browser test");
    await form.locator("[name=user]").fill("alice");
    await form.locator("[name=requests_per_minute]").fill("100");
    await form.locator("button[type=submit]").click();
    await page.locator("#new-key:not([hidden])").waitFor();
    key = (await page.locator("#new-key-value").textContent()) ?? "";
    expect(key).toMatch(/^sk-alice-[A-Za-z0-9]{20,}$/);
    const row = page.locator("#key-table tbody tr", { hasText: "Browser test" });
    await row.waitFor();
    keyId = (await row.getAttribute("data-key-id")) ?? "";
    expect(await row.textContent()).toContain("100 req/min");
    expect(await row.textContent()).not.toContain(key);
    await shoot(page, "keys-light");

    const answer = await hello(sdk(key), "gpt-4o-mini");
    expect(answer.choices[0]?.message.content).toBeTruthy();
  });

  it("shows the key's usage on the chart", async () => {
    await tab(page, "usage");
    const bar = page.locator(`#usage-chart svg rect[data-key-id="${keyId}"]`);
    // Usage is recorded when the generation finishes; reload the page's data until it shows.
    await expect
      .poll(async () => {
        await page.locator("#usage-form [name=metric]").selectOption("requests");
        await page.locator("#usage-form [name=metric]").selectOption("total_tokens");
        return bar.count();
      })
      .toBe(1);
    expect(Number(await bar.getAttribute("data-value"))).toBeGreaterThan(0);
    expect(await page.locator("#usage-chart figcaption").textContent()).toContain("Browser test");
    expect(await page.locator(`#usage-table tr[data-key-id="${keyId}"]`).first().textContent()).toContain("gpt-4o-mini");
    await shoot(page, "usage-light");
  });

  it("restricts the key's models: the SDK then gets 404 for another model", async () => {
    await tab(page, "keys");
    await page.locator(`#key-table tr[data-key-id="${keyId}"] button`, { hasText: "Edit" }).click();
    const dialog = page.locator("#edit-key");
    await dialog.locator("[name=models]").fill("gpt-4o-mini");
    await dialog.locator("button[value=save]").click();
    await expect.poll(() => page.locator(`#key-table tr[data-key-id="${keyId}"]`).textContent()).toContain("models: gpt-4o-mini");
    const client = sdk(key);
    await expect(hello(client, "gpt-4.1")).rejects.toMatchObject({ status: 404 });
    expect((await hello(client, "gpt-4o-mini")).choices[0]?.message.content).toBeTruthy();
    expect((await client.models.list()).data.map((m) => m.id)).toEqual(["gpt-4o-mini"]);
  });

  it("edits a route to an upstream, tests its connection, and the SDK is routed there", async () => {
    await tab(page, "routes");
    await expect.poll(() => page.locator("#routing-source").textContent()).toContain("vars");
    const document = {
      upstreams: { fake: { base_url: (upstream as FakeUpstream).url, api_key_secret: "FAKE_UPSTREAM_KEY" } },
      routes: [{ model: "fake-gpt-*", upstream: "fake" }],
      passthrough_upstream: null,
    };
    await page.locator("#routing-json").fill(JSON.stringify(document, null, 2));
    await page.locator("#save-routing").click();
    await expect.poll(() => page.locator("#routing-source").textContent()).toContain("KV");
    await page.locator('.upstream[data-upstream="fake"] button').click();
    await expect.poll(() => page.locator('.upstream[data-upstream="fake"] .result').textContent()).toContain("OK 200");
    expect(await page.locator('.upstream[data-upstream="fake"] .result').textContent()).toContain("fake-gpt-1");
    await shoot(page, "routes-light");

    const routed = await hello(sdk(OPS_KEY), "fake-gpt-1");
    expect(routed.choices[0]?.message.content).toBe("upstream(fake-gpt-1) heard: hello");
    // An invalid table is refused with the problem, and the saved one stays.
    await page.locator("#routing-json").fill('{"upstreams":{},"routes":[{"model":"x","upstream":"ghost"}]}');
    await page.locator("#save-routing").click();
    await expect.poll(() => page.locator("#notice").textContent()).toContain("routes[0].upstream names `ghost`");
    expect((await hello(sdk(OPS_KEY), "fake-gpt-2")).choices[0]?.message.content).toContain("upstream(fake-gpt-2)");
  });

  it("streams a reply in the playground and shows the same request as curl and SDK code", async () => {
    await page.locator("#new-key").waitFor({ state: "attached" });
    await tab(page, "keys");
    await page.locator("#use-key").click();
    await page.locator("section#playground").waitFor();
    await expect.poll(() => page.locator("#playground-form [name=model] option").allTextContents()).toEqual(["gpt-4o-mini"]);
    // Count how many times the reply's text changes while it streams in.
    await page.evaluate(() => {
      const log = document.querySelector("#chat-log") as Element & { updates?: number };
      log.updates = 0;
      new MutationObserver((records) => {
        log.updates = (log.updates ?? 0) + records.filter((r) => r.type === "characterData" || r.type === "childList").length;
      }).observe(log, { subtree: true, childList: true, characterData: true });
    });
    await page.locator("#playground-form [name=message]").fill("Tell me a short story about a lighthouse.");
    await page.locator("#send").click();
    const reply = page.locator("#chat-log .msg.assistant");
    await expect
      .poll(async () => (await reply.getAttribute("aria-busy")) === null && ((await reply.textContent()) ?? "").length > 0)
      .toBe(true);
    expect(await page.evaluate(() => (document.querySelector("#chat-log") as Element & { updates?: number }).updates)).toBeGreaterThan(3);
    expect(await page.locator("#code-curl").textContent()).toContain(`curl ${origin}/v1/chat/completions`);
    expect(await page.locator("#code-sdk").textContent()).toContain('model: "gpt-4o-mini"');
    await shoot(page, "playground-light");
  });

  it("revokes the key: the SDK then gets 401", async () => {
    await tab(page, "keys");
    await page.locator(`#key-table tr[data-key-id="${keyId}"] button`, { hasText: "Revoke" }).click();
    await expect.poll(() => page.locator(`#key-table tr[data-key-id="${keyId}"]`).getAttribute("class")).toBe("revoked");
    await expect(hello(sdk(key), "gpt-4o-mini")).rejects.toMatchObject({ status: 401 });
  });

  it("says how to set ADMIN_PASSWORD when the admin API is off", async () => {
    // The API's answer without ADMIN_PASSWORD (test/worker/admin checks the Worker gives it).
    const off = await context.newPage();
    await off.route("**/admin/api/session", (route) =>
      route.fulfill({
        status: 403,
        contentType: "application/json",
        body: JSON.stringify({ error: { message: "off", type: "invalid_request_error", param: null, code: "admin_disabled" } }),
      }),
    );
    await off.goto(`${origin}/admin/`);
    await off.locator("#disabled").waitFor();
    expect(await off.locator("#disabled").textContent()).toContain("npx wrangler secret put ADMIN_PASSWORD");
    expect(await off.locator("#sign-in").isHidden()).toBe(true);
    await shoot(off, "disabled-light");
    await off.close();
  });

  it("follows the dark color scheme", async () => {
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(await background()).toBe("rgb(255, 255, 255)");
    await page.emulateMedia({ colorScheme: "dark" });
    expect(await background()).toBe("rgb(17, 19, 24)");
    await shoot(page, "keys-dark");
    await tab(page, "usage");
    await page.locator("#usage-chart svg").waitFor();
    await shoot(page, "usage-dark");
    await tab(page, "routes");
    await shoot(page, "routes-dark");
    await context.close();
  });

  it("is usable at a phone's viewport (390×844), in both schemes", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      const phone = await (browser as Browser).newContext({
        colorScheme,
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
      });
      const p = await phone.newPage();
      await signIn(p);
      for (const name of ["keys", "usage", "routes", "playground"]) {
        await tab(p, name);
        // Nothing wider than the screen: tables scroll inside their own box.
        expect(await p.evaluate(() => document.documentElement.scrollWidth), name).toBeLessThanOrEqual(390);
        await shoot(p, `${name}-phone-${colorScheme}`);
      }
      await phone.close();
    }
  });
});
