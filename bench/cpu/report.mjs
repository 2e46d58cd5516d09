/**
 * The in-process CPU bench's table (text or Markdown) and its budget check. Budgets
 * (bench/budgets.json, `cpu`): `defaultOursMs` for every scenario, `oursMs` per scenario id
 * where tighter, `streamOursUsPerToken` for scenarios that stream.
 */
const COLUMNS = [
  ["label", "request", "left"],
  ["size", "size", "left"],
  ["appMs", "Worker ms", "right"],
  ["floorMs", "floor ms", "right"],
  ["oursMs", "ours ms", "right"],
  ["perToken", "ours µs/token", "right"],
  ["limit", "of 10 ms", "right"],
  ["storage", "KV r/w/l/d, DO", "left"],
];

function rows(results) {
  return results.scenarios.map((s) => ({
    label: s.label,
    size: s.size,
    appMs: s.appMs.toFixed(3),
    floorMs: s.floorMs.toFixed(3),
    oursMs: s.oursMs.toFixed(3),
    perToken: s.oursUsPerToken === undefined ? "" : s.oursUsPerToken.toFixed(2),
    limit: `${Math.round((Math.max(0, s.oursMs) / 10) * 100)}%`,
    storage: s.kv ? `${s.kv.reads}/${s.kv.writes}/${s.kv.lists}/${s.kv.deletes}, ${s.durableObjectRequests}` : "",
  }));
}

/** The results as a table, with the machine under it. */
export function cpuTable(results, { markdown = false } = {}) {
  const all = rows(results);
  const m = results.machine;
  const machine = `Machine: ${m.cpuModel}, ${m.nproc} cores, ${m.platform}; Node ${m.node}; load ${m.loadAverage1m}; ${results.date}`;
  if (markdown) {
    return [
      `| ${COLUMNS.map(([, t]) => t).join(" | ")} |`,
      `| ${COLUMNS.map(([, , a]) => (a === "left" ? "---" : "---:")).join(" | ")} |`,
      ...all.map((r) => `| ${COLUMNS.map(([k]) => r[k]).join(" | ")} |`),
      "",
      machine,
    ].join("\n");
  }
  const width = COLUMNS.map(([k, t]) => Math.max(t.length, ...all.map((r) => String(r[k]).length)));
  const line = (cells) =>
    cells.map((c, i) => (COLUMNS[i][2] === "left" ? String(c).padEnd(width[i]) : String(c).padStart(width[i]))).join("  ");
  return [
    "In-process CPU per request (production fetch handler in Node; ours = Worker − floor)",
    line(COLUMNS.map(([, t]) => t)),
    ...all.map((r) => line(COLUMNS.map(([k]) => r[k]))),
    machine,
  ].join("\n");
}

/** Broken CPU budgets as readable lines (empty when all hold). */
export function brokenCpuBudgets(results, budgets) {
  if (!budgets) return ["no `cpu` section in the budgets"];
  const broken = [];
  for (const s of results.scenarios) {
    const ceiling = budgets.oursMs?.[s.id] ?? budgets.defaultOursMs;
    if (ceiling !== undefined && s.oursMs > ceiling)
      broken.push(`${s.id}: ${s.oursMs.toFixed(3)} ms of our CPU per request, budget ${ceiling} ms`);
    // The per-token budget is about the cost each token adds, so it applies only to streams long
    // enough (budgets.streamPerTokenMinTokens) that the per-request fixed cost (~0.3 ms, as plain
    // chat) does not dominate; a shorter stream is held by its per-request budget above.
    const perTokenApplies = (s.tokens ?? 0) >= (budgets.streamPerTokenMinTokens ?? 0);
    if (
      perTokenApplies &&
      s.oursUsPerToken !== undefined &&
      budgets.streamOursUsPerToken !== undefined &&
      s.oursUsPerToken > budgets.streamOursUsPerToken
    )
      broken.push(`${s.id}: ${s.oursUsPerToken.toFixed(2)} µs of our CPU per token, budget ${budgets.streamOursUsPerToken} µs`);
  }
  for (const id of Object.keys(budgets.oursMs ?? {})) {
    if (!results.scenarios.some((s) => s.id === id)) broken.push(`${id}: not in the results`);
  }
  return broken;
}
