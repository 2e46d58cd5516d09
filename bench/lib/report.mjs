/**
 * Turns bench results into a text table (stdout), a Markdown table (README) and a list of
 * broken budgets (`--check`).
 */

const KV_KINDS = ["reads", "writes", "lists", "deletes"];

function fixed(value, digits) {
  return value === null || value === undefined ? "n/a" : value.toFixed(digits);
}

function ratio(value) {
  return value === null || value === undefined ? "n/a" : `${value.toFixed(2)}x`;
}

function kvCell(kv) {
  return kv ? KV_KINDS.map((k) => formatCount(kv[k])).join("/") : "-";
}

function formatCount(n) {
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}

function rows(results) {
  const out = [];
  for (const s of results.scenarios) {
    if (s.skipped) {
      out.push({ name: s.label, skipped: s.skipped });
      continue;
    }
    out.push({
      name: s.label,
      n: String(s.requests),
      rps: fixed(s.result.rps, 0),
      rpsx: fixed(s.ratios.rps, 2),
      p50: fixed(s.result.p50Ms, 2),
      p99: fixed(s.result.p99Ms, 2),
      cpu: fixed(s.result.cpuMsPerRequest, 2),
      p50x: ratio(s.ratios.p50),
      p99x: ratio(s.ratios.p99),
      cpux: ratio(s.ratios.cpu),
      kv: kvCell(s.kvPerRequest),
    });
    out.push({
      name: `  floor: ${s.floor}`,
      n: String(s.requests),
      rps: fixed(s.floorResult.rps, 0),
      rpsx: "",
      p50: fixed(s.floorResult.p50Ms, 2),
      p99: fixed(s.floorResult.p99Ms, 2),
      cpu: fixed(s.floorResult.cpuMsPerRequest, 2),
      p50x: "",
      p99x: "",
      cpux: "",
      kv: "",
    });
  }
  return out;
}

const COLUMNS = [
  ["name", "Scenario", "left"],
  ["n", "n", "right"],
  ["rps", "req/s", "right"],
  ["rpsx", "req/s of floor", "right"],
  ["p50", "p50 ms", "right"],
  ["p99", "p99 ms", "right"],
  ["cpu", "CPU ms/req", "right"],
  ["p50x", "p50 vs floor", "right"],
  ["p99x", "p99 vs floor", "right"],
  ["cpux", "CPU vs floor", "right"],
  ["kv", "KV r/w/l/d per req", "right"],
];

/** A fixed-width table for the terminal. */
export function textTable(results) {
  const data = rows(results);
  const width = COLUMNS.map(([key, title]) => Math.max(title.length, ...data.map((r) => (r.skipped ? 0 : (r[key] ?? "").length))));
  width[0] = Math.max(width[0], ...data.map((r) => r.name.length));
  const line = (cells) =>
    cells
      .map((cell, i) => (COLUMNS[i][2] === "left" ? cell.padEnd(width[i]) : cell.padStart(width[i])))
      .join("  ")
      .trimEnd();
  const out = [line(COLUMNS.map(([, title]) => title)), line(width.map((w) => "-".repeat(w)))];
  for (const r of data) {
    out.push(r.skipped ? `${r.name.padEnd(width[0])}  skipped: ${r.skipped}` : line(COLUMNS.map(([key]) => r[key])));
  }
  out.push("", ...notes(results), bundleLine(results), machineLine(results));
  return out.join("\n");
}

/** The same table in Markdown, for the README. */
export function markdownTable(results) {
  const out = [
    `| ${COLUMNS.map(([, t]) => t).join(" | ")} |`,
    `| ${COLUMNS.map(([, , a]) => (a === "left" ? "---" : "---:")).join(" | ")} |`,
  ];
  for (const r of rows(results)) {
    if (r.skipped) out.push(`| ${r.name} | skipped: ${r.skipped} |${" |".repeat(COLUMNS.length - 2)}`);
    else out.push(`| ${COLUMNS.map(([key]) => (key === "name" ? r.name.replace(/^ {2}/, "↳ ") : r[key])).join(" | ")} |`);
  }
  out.push("", ...notes(results).map((n) => `- ${n}`), "", bundleLine(results), "", machineLine(results));
  return out.join("\n");
}

/** One line per scenario that has a note or a special driver. */
function notes(results) {
  return results.scenarios.flatMap((s) => {
    const parts = [s.driver && s.driver !== "autocannon" ? `driven by a ${s.driver}` : undefined, s.note].filter(Boolean);
    return parts.length > 0 ? [`${s.label}: ${parts.join("; ")}`] : [];
  });
}

function bundleLine(results) {
  const b = results.bundle;
  if (!b) return "Bundle: not measured";
  return `Bundle (wrangler deploy --dry-run): ${(b.rawBytes / 1024).toFixed(1)} KiB raw, ${(b.gzipBytes / 1024).toFixed(1)} KiB gzipped`;
}

function machineLine(results) {
  const m = results.machine;
  return `Machine: ${m.cpuModel}, ${m.nproc} cores, ${m.platform}; Node ${m.node}, workerd ${m.workerd}, wrangler ${m.wrangler}; ${results.date}`;
}

/**
 * Budgets broken by `results`, as readable lines (empty when all hold). Ratios are ceilings;
 * KV operations per request must match exactly (more is a regression, fewer means the
 * budget should be tightened), up to a fraction under 0.1 (reads cached per isolate); bundle
 * sizes are ceilings.
 */
export function brokenBudgets(results, budgets) {
  const broken = [];
  for (const [id, budget] of Object.entries(budgets.scenarios ?? {})) {
    const s = results.scenarios.find((x) => x.id === id);
    if (!s) {
      broken.push(`${id}: not in the results`);
      continue;
    }
    if (s.skipped) {
      broken.push(`${id}: skipped (${s.skipped})`);
      continue;
    }
    if (s.result.failures > 0 || s.floorResult.failures > 0)
      broken.push(`${id}: ${s.result.failures + s.floorResult.failures} failed requests`);
    if (budget.p50Ratio !== undefined && s.ratios.p50 > budget.p50Ratio)
      broken.push(`${id}: p50 ${s.ratios.p50.toFixed(2)}x the floor, budget ${budget.p50Ratio}x`);
    if (budget.p99Ratio !== undefined && s.ratios.p99 > budget.p99Ratio)
      broken.push(`${id}: p99 ${s.ratios.p99.toFixed(2)}x the floor, budget ${budget.p99Ratio}x`);
    if (budget.cpuRatio !== undefined && s.ratios.cpu !== null && s.ratios.cpu > budget.cpuRatio)
      broken.push(`${id}: CPU ${s.ratios.cpu.toFixed(2)}x the floor, budget ${budget.cpuRatio}x`);
    if (budget.minRpsRatio !== undefined && s.ratios.rps !== null && s.ratios.rps < budget.minRpsRatio)
      broken.push(`${id}: ${s.ratios.rps.toFixed(2)} of the floor's throughput, budget at least ${budget.minRpsRatio}`);
    if (budget.kv) {
      for (const kind of KV_KINDS) {
        const want = budget.kv[kind];
        if (want === undefined) continue;
        // A read cached per isolate (the routing override, 30 s) adds a fraction of a read per
        // request over a run; fractions under 0.1 are that, not a per-request operation.
        const measured = s.kvPerRequest?.[kind];
        const got = measured === undefined ? undefined : Math.round(measured);
        if (got !== want || Math.abs(measured - got) >= 0.1)
          broken.push(
            `${id}: ${measured === undefined ? "no" : Math.round(measured * 100) / 100} KV ${kind} per request, budget exactly ${want}`,
          );
      }
    }
  }
  const b = budgets.bundle ?? {};
  if (!results.bundle) broken.push("bundle: not measured");
  else {
    if (b.rawBytes !== undefined && results.bundle.rawBytes > b.rawBytes)
      broken.push(`bundle: ${results.bundle.rawBytes} bytes raw, budget ${b.rawBytes}`);
    if (b.gzipBytes !== undefined && results.bundle.gzipBytes > b.gzipBytes)
      broken.push(`bundle: ${results.bundle.gzipBytes} bytes gzipped, budget ${b.gzipBytes}`);
  }
  return broken;
}
