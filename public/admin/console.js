// The admin console: one page, no framework, no build step. It talks only to this Worker:
// /admin/api/* (cookie session + CSRF token) and, in the playground, /v1/* with an API key.
// Everything shown from the API goes in through textContent (el() below), never innerHTML.

const $ = (selector) => document.querySelector(selector);
let csrf = null;
let playgroundKey = "";

/** Builds an element: el("td", { class: "x" }, "text", child). */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v === true ? "" : String(v));
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

function notice(text, kind = "error") {
  const box = $("#notice");
  box.textContent = text;
  box.className = kind;
  box.hidden = !text;
}

class ApiError extends Error {
  constructor(status, body) {
    super(body?.error?.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = body?.error?.code ?? null;
  }
}

/** Calls the admin API; mutating calls carry the session's CSRF token. */
async function api(method, path, body) {
  const headers = {};
  if (body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET" && csrf) headers["x-csrf-token"] = csrf;
  const res = await fetch(`/admin/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const data = await res.json().catch(() => null);
  if (!res.ok) {
    if (res.status === 401 && path !== "/session") showSignIn("Your session ended: sign in again.");
    throw new ApiError(res.status, data);
  }
  return data;
}

/** Runs an action, showing its error instead of throwing. */
async function attempt(action) {
  try {
    notice("");
    return await action();
  } catch (err) {
    notice(err.message);
    return undefined;
  }
}

// ---- sections and sign-in ----------------------------------------------------------------

function show(id) {
  for (const section of document.querySelectorAll("main > section")) section.hidden = section.id !== id;
  for (const link of document.querySelectorAll("#tabs a")) link.setAttribute("aria-current", link.dataset.tab === id ? "page" : "false");
}

function showSignIn(message) {
  csrf = null;
  $("#tabs").hidden = true;
  show("sign-in");
  if (message) notice(message, "info");
  $("#sign-in-form [name=password]").focus();
}

const PAGES = { keys: loadKeys, routes: loadRouting, usage: loadUsage, playground: openPlayground };

function route() {
  if (!csrf) return;
  const page = location.hash.slice(1) in PAGES ? location.hash.slice(1) : "keys";
  show(page);
  attempt(PAGES[page]);
}

async function start() {
  try {
    const session = await api("GET", "/session");
    if (!session.signed_in) return showSignIn();
    csrf = session.csrf_token;
    $("#tabs").hidden = false;
    route();
  } catch (err) {
    if (err.code === "admin_disabled") return show("disabled");
    show("sign-in");
    notice(err.message);
  }
}

$("#sign-in-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  attempt(async () => {
    const session = await api("POST", "/session", { password: form.password.value });
    form.reset();
    csrf = session.csrf_token;
    $("#tabs").hidden = false;
    route();
  });
});

$("#sign-out").addEventListener("click", () =>
  attempt(async () => {
    await api("DELETE", "/session");
    showSignIn("Signed out.");
  }),
);

window.addEventListener("hashchange", route);

// ---- keys ----------------------------------------------------------------------------------

const day = (unix) => (unix ? new Date(unix * 1000).toISOString().slice(0, 10) : "—");
const nullableInt = (value) => (value === "" ? null : Number(value));
const globs = (value) => {
  const list = value.split(",").map((g) => g.trim()).filter(Boolean);
  return list.length ? list : null;
};
// A date input means "until the end of that day" (UTC).
const expiry = (value) => (value ? Math.floor(Date.parse(`${value}T23:59:59Z`) / 1000) : null);

function policyFrom(form) {
  return {
    models: globs(form.models.value),
    requests_per_minute: nullableInt(form.requests_per_minute.value),
    tokens_per_day: nullableInt(form.tokens_per_day.value),
    expires_at: expiry(form.expires_at.value),
  };
}

function describePolicy(policy) {
  const parts = [];
  parts.push(policy.models ? `models: ${policy.models.join(", ")}` : "all models");
  if (policy.requests_per_minute) parts.push(`${policy.requests_per_minute} req/min`);
  if (policy.tokens_per_day) parts.push(`${policy.tokens_per_day} tokens/day`);
  if (policy.expires_at) parts.push(`expires ${day(policy.expires_at)}`);
  return parts.join(" · ");
}

async function loadKeys() {
  const list = await api("GET", "/keys");
  const body = $("#key-table tbody");
  body.replaceChildren(
    ...list.data.map((key) => {
      const revoked = key.revoked_at !== null;
      return el(
        "tr",
        { "data-key-id": key.id, class: revoked ? "revoked" : null },
        el("td", {}, key.name),
        el("td", {}, key.user),
        el("td", {}, key.project),
        el("td", {}, el("code", {}, key.redacted_value)),
        el("td", {}, day(key.created_at)),
        el("td", {}, key.last_used_day ?? "never"),
        el("td", { class: "policy" }, describePolicy(key.policy)),
        el(
          "td",
          { class: "actions" },
          revoked
            ? `revoked ${day(key.revoked_at)}`
            : el(
                "span",
                {},
                el("button", { type: "button", class: "secondary", onclick: () => editKey(key) }, "Edit"),
                " ",
                el("button", { type: "button", class: "danger", onclick: () => revokeKey(key) }, "Revoke"),
              ),
        ),
      );
    }),
  );
  if (list.data.length === 0) body.append(el("tr", {}, el("td", { colspan: 8 }, "No keys yet.")));
}

$("#create-key-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  attempt(async () => {
    const created = await api("POST", "/keys", {
      name: form.name.value.trim(),
      user: form.user.value.trim(),
      ...(form.project.value.trim() ? { project: form.project.value.trim() } : {}),
      policy: policyFrom(form),
    });
    form.reset();
    $("#new-key-value").textContent = created.key;
    $("#new-key").hidden = false;
    playgroundKey = created.key;
    await loadKeys();
  });
});

$("#copy-key").addEventListener("click", async () => {
  const key = $("#new-key-value").textContent;
  try {
    await navigator.clipboard.writeText(key);
    notice("Copied.", "info");
  } catch {
    // No clipboard permission: select it for a manual copy.
    getSelection().selectAllChildren($("#new-key-value"));
  }
});

$("#use-key").addEventListener("click", () => {
  playgroundKey = $("#new-key-value").textContent;
  location.hash = "#playground";
});

function editKey(key) {
  const dialog = $("#edit-key");
  const form = $("#edit-key-form");
  $("#edit-key-name").textContent = key.name;
  form.name.value = key.name;
  form.models.value = (key.policy.models ?? []).join(", ");
  form.requests_per_minute.value = key.policy.requests_per_minute ?? "";
  form.tokens_per_day.value = key.policy.tokens_per_day ?? "";
  form.expires_at.value = key.policy.expires_at ? day(key.policy.expires_at) : "";
  dialog.onclose = () => {
    if (dialog.returnValue !== "save") return;
    attempt(async () => {
      await api("POST", `/keys/${encodeURIComponent(key.id)}`, { name: form.name.value.trim(), policy: policyFrom(form) });
      notice(`Saved ${form.name.value.trim()}.`, "info");
      await loadKeys();
    });
  };
  dialog.returnValue = "";
  dialog.showModal();
}

function revokeKey(key) {
  if (!confirm(`Revoke "${key.name}"? Clients using it get 401 from now on.`)) return;
  attempt(async () => {
    await api("DELETE", `/keys/${encodeURIComponent(key.id)}`);
    notice(`Revoked ${key.name}.`, "info");
    await loadKeys();
  });
}

// ---- routes and upstreams --------------------------------------------------------------------

async function loadRouting() {
  showRouting(await api("GET", "/routing"));
}

function showRouting(view) {
  const { source, updated_at, problem, ...document } = view;
  $("#routing-source").textContent = source === "kv" ? "saved in KV (the console's override)" : "the UPSTREAMS / ROUTES vars";
  $("#routing-updated").textContent = updated_at ? `· saved ${new Date(updated_at * 1000).toLocaleString()}` : "";
  if (problem) notice(`The vars cannot be used: ${problem}`);
  $("#routing-json").value = JSON.stringify(document, null, 2);
  const list = $("#upstream-list");
  const names = Object.keys(document.upstreams);
  list.replaceChildren(
    ...names.map((name) => {
      const result = el("span", { class: "result" });
      return el(
        "div",
        { class: "upstream", "data-upstream": name },
        el("strong", {}, name),
        el("code", {}, document.upstreams[name].base_url),
        el("button", { type: "button", class: "secondary", onclick: () => testUpstream(name, result) }, "Test connection"),
        result,
      );
    }),
  );
  if (names.length === 0) list.append(el("p", { class: "hint" }, "No upstreams: every model is served by Workers AI."));
}

async function testUpstream(name, output) {
  output.textContent = "testing…";
  output.className = "result";
  const result = await attempt(() => api("POST", `/upstreams/${encodeURIComponent(name)}/test`));
  if (!result) return (output.textContent = "");
  output.className = `result ${result.ok ? "ok" : "bad"}`;
  output.textContent = result.ok
    ? `OK ${result.status} in ${result.latency_ms} ms${result.models ? ` · ${result.models.length} models: ${result.models.slice(0, 5).join(", ")}` : ""}`
    : `Failed${result.status ? ` (${result.status})` : ""}: ${result.error}`;
}

$("#save-routing").addEventListener("click", () =>
  attempt(async () => {
    let document;
    try {
      document = JSON.parse($("#routing-json").value);
    } catch (err) {
      throw new Error(`Not valid JSON: ${err.message}`);
    }
    showRouting(await api("PUT", "/routing", document));
    notice("Saved: the routing table now comes from KV.", "info");
  }),
);

$("#reset-routing").addEventListener("click", () => {
  if (!confirm("Delete the saved table and return to the UPSTREAMS / ROUTES vars?")) return;
  attempt(async () => {
    showRouting(await api("DELETE", "/routing"));
    notice("Returned to the vars.", "info");
  });
});

// ---- usage -----------------------------------------------------------------------------------

const PALETTE = ["#2563eb", "#db2777", "#059669", "#d97706", "#7c3aed", "#0891b2", "#dc2626", "#65a30d"];
const SVG = "http://www.w3.org/2000/svg";

function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  node.append(...children);
  return node;
}

async function loadUsage() {
  const form = $("#usage-form");
  const days = Number(form.days.value);
  const usage = await api("GET", `/usage?days=${days}`);
  drawUsage(usage.data, days, form.metric.value);
  $("#usage-table tbody").replaceChildren(
    ...usage.data.map((row) =>
      el(
        "tr",
        { "data-key-id": row.key_id },
        el("td", {}, row.day),
        el("td", {}, row.key_name),
        el("td", {}, el("code", {}, row.model)),
        el("td", { class: "num" }, String(row.requests)),
        el("td", { class: "num" }, String(row.input_tokens)),
        el("td", { class: "num" }, String(row.output_tokens)),
        el("td", { class: "num" }, String(row.total_tokens)),
      ),
    ),
  );
}

$("#usage-form").addEventListener("change", () => attempt(loadUsage));

/** Stacked bars: one per day (UTC), one segment per key, the metric summed over models. */
function drawUsage(rows, days, metric) {
  const dayList = [];
  for (let i = days - 1; i >= 0; i--) dayList.push(new Date(Date.now() - i * 86_400_000).toISOString().slice(0, 10));
  const keys = [...new Map(rows.map((r) => [r.key_id, r.key_name])).entries()];
  const totals = new Map();
  for (const r of rows) {
    const k = `${r.day}|${r.key_id}`;
    totals.set(k, (totals.get(k) ?? 0) + r[metric]);
  }
  const perDay = dayList.map((d) => keys.reduce((sum, [id]) => sum + (totals.get(`${d}|${id}`) ?? 0), 0));
  const max = Math.max(1, ...perDay);
  const width = 600;
  const height = 220;
  const top = 10;
  const bottom = 30;
  const slot = width / dayList.length;
  const bar = Math.max(2, slot * 0.7);
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": `Usage per day: ${metric === "requests" ? "requests" : "tokens"}` });
  chart.append(svg("line", { x1: 0, x2: width, y1: height - bottom, y2: height - bottom, class: "axis" }));
  chart.append(svg("text", { x: 2, y: top + 2, class: "label" }, `${max} ${metric === "requests" ? "requests" : "tokens"}`));
  dayList.forEach((d, i) => {
    let y = height - bottom;
    keys.forEach(([id, name], k) => {
      const value = totals.get(`${d}|${id}`) ?? 0;
      if (!value) return;
      const h = ((height - top - bottom) * value) / max;
      y -= h;
      chart.append(
        svg(
          "rect",
          { x: i * slot + (slot - bar) / 2, y, width: bar, height: h, fill: PALETTE[k % PALETTE.length], "data-key-id": id, "data-day": d, "data-value": value },
          svg("title", {}, `${name} · ${d}: ${value} ${metric === "requests" ? "requests" : "tokens"}`),
        ),
      );
    });
    if (dayList.length <= 14 || i % Math.ceil(dayList.length / 10) === 0) {
      chart.append(svg("text", { x: i * slot + slot / 2, y: height - 10, class: "label", "text-anchor": "middle" }, d.slice(5)));
    }
  });
  const legend = el(
    "figcaption",
    {},
    ...keys.map(([id, name], k) => el("span", { class: `legend c${k % PALETTE.length}`, "data-key-id": id }, name)),
  );
  if (keys.length === 0) legend.append("No usage in this period.");
  $("#usage-chart").replaceChildren(chart, legend);
}

// ---- playground ------------------------------------------------------------------------------

const playground = $("#playground-form");

async function openPlayground() {
  if (playgroundKey && playground.key.value !== playgroundKey) playground.key.value = playgroundKey;
  renderCode();
  if (playground.key.value && playground.model.options.length === 0) await loadModels();
}

async function loadModels() {
  const key = playground.key.value.trim();
  if (!key) throw new Error("Paste an API key or create a playground key first.");
  const res = await fetch("/v1/models", { headers: { authorization: `Bearer ${key}` } });
  const body = await res.json();
  if (!res.ok) throw new ApiError(res.status, body);
  const ids = body.data.map((m) => m.id).sort();
  const current = playground.model.value;
  playground.model.replaceChildren(...ids.map((id) => el("option", { value: id }, id)));
  const preferred = [current, "gpt-4o-mini"].find((id) => ids.includes(id));
  if (preferred) playground.model.value = preferred;
  renderCode();
}

$("#load-models").addEventListener("click", () => attempt(loadModels));

$("#playground-new-key").addEventListener("click", () =>
  attempt(async () => {
    const created = await api("POST", "/keys", { name: "Playground", user: "playground" });
    playgroundKey = created.key;
    playground.key.value = created.key;
    notice(`Created a key named "Playground" (${created.redacted_value}); revoke it on the Keys page when done.`, "info");
    await loadModels();
  }),
);

playground.key.addEventListener("change", () => {
  playgroundKey = playground.key.value.trim();
  attempt(loadModels);
});
playground.model.addEventListener("change", renderCode);
playground.message.addEventListener("input", renderCode);

function renderCode() {
  const model = playground.model.value || "gpt-4o-mini";
  const messages = [{ role: "user", content: playground.message.value }];
  const base = `${location.origin}/v1`;
  const body = JSON.stringify({ model, stream: true, messages });
  $("#code-curl").textContent = `curl ${base}/chat/completions \\\n  -H "Authorization: Bearer $AI_FORWARDER_KEY" \\\n  -H "Content-Type: application/json" \\\n  -d '${body.replaceAll("'", "'\\''")}'`;
  $("#code-sdk").textContent = `import OpenAI from "openai";

const client = new OpenAI({ baseURL: ${JSON.stringify(base)}, apiKey: process.env.AI_FORWARDER_KEY });
const stream = await client.chat.completions.create({
  model: ${JSON.stringify(model)},
  messages: ${JSON.stringify(messages)},
  stream: true,
});
for await (const chunk of stream) process.stdout.write(chunk.choices[0]?.delta?.content ?? "");`;
}

playground.addEventListener("submit", (event) => {
  event.preventDefault();
  attempt(sendChat);
});

const chatHistory = [];

async function sendChat() {
  const key = playground.key.value.trim();
  if (!key) throw new Error("Paste an API key or create a playground key first.");
  const text = playground.message.value.trim();
  if (!text) return;
  chatHistory.push({ role: "user", content: text });
  const log = $("#chat-log");
  log.append(el("p", { class: "msg user" }, text));
  const reply = el("p", { class: "msg assistant", "aria-busy": "true" });
  log.append(reply);
  const send = $("#send");
  send.disabled = true;
  try {
    const res = await fetch("/v1/chat/completions", {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ model: playground.model.value, messages: chatHistory, stream: true }),
    });
    if (!res.ok) throw new ApiError(res.status, await res.json().catch(() => null));
    let content = "";
    for await (const data of sseData(res.body)) {
      if (data === "[DONE]") break;
      const chunk = JSON.parse(data);
      if (chunk.error) throw new Error(chunk.error.message);
      content += chunk.choices?.[0]?.delta?.content ?? "";
      reply.textContent = content;
    }
    chatHistory.push({ role: "assistant", content });
    playground.message.value = "";
  } catch (err) {
    chatHistory.pop();
    reply.remove();
    throw err;
  } finally {
    reply.removeAttribute("aria-busy");
    send.disabled = false;
  }
}

/** The `data:` payloads of an SSE body, events split across reads and multi-byte characters handled. */
async function* sseData(body) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  let data = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let newline = buffer.search(/\r\n|\r|\n/);
    // A CR at the very end may be half of a CRLF split across reads: wait for the next read.
    while (newline >= 0 && !(newline === buffer.length - 1 && buffer[newline] === "\r")) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + (buffer.startsWith("\r\n", newline) ? 2 : 1));
      if (line === "") {
        if (data.length) yield data.join("\n");
        data = [];
      } else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
      newline = buffer.search(/\r\n|\r|\n/);
    }
  }
  if (data.length) yield data.join("\n");
}

start();
