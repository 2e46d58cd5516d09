/**
 * Finds the route for a method and path, with the semantics itty-router had here (routes in
 * table order, the first match wins; `:name` is one segment, `:name+` the rest of the path;
 * trailing slashes ignored; params are the raw, undecoded segments), in one step per request:
 * a path without parameters (`/v1/chat/completions`, most traffic) is one Map lookup, the
 * others are tested only against routes that share their first two segments. itty-router
 * tested every route's regular expression in turn and parsed the URL again; under workerd's
 * profiler that scan was the largest single cost of a plain chat request after the key hash.
 */
import type { Route } from "./api/route";

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

export interface RouteMatcher {
  /** The first route for `method` and `path`, or undefined. */
  match(method: string, path: string): RouteMatch | undefined;
  /** Methods some route serves at `path` (for a 405's `allow`), in table order, repeats removed. */
  allowed(path: string): string[];
}

interface Compiled {
  route: Route;
  index: number;
  /** Set for paths with parameters. */
  pattern?: RegExp;
}

const NO_PARAMS: Record<string, string> = Object.freeze(Object.create(null));

export function compileRoutes(routes: readonly Route[]): RouteMatcher {
  const compiled: Compiled[] = routes.map((route, index) =>
    route.path.includes(":") ? { route, index, pattern: patternOf(route.path) } : { route, index },
  );
  // Exact paths, keyed "METHOD path": kept only when no earlier route of that method also
  // matches the path (the table's first match wins, as before).
  const exact = new Map<string, Compiled>();
  // Routes with parameters, by their first two segments ("/v1/threads"); a route whose
  // first two segments hold a parameter goes under "*" and is tried for every path.
  const byPrefix = new Map<string, Compiled[]>();
  for (const c of compiled) {
    if (c.pattern) {
      const prefix = staticPrefix(c.route.path);
      const list = byPrefix.get(prefix) ?? [];
      list.push(c);
      byPrefix.set(prefix, list);
      continue;
    }
    const path = trimSlashes(c.route.path);
    const key = `${c.route.method} ${path}`;
    const earlier = compiled.some((o) => o.index < c.index && o.route.method === c.route.method && matchesPath(o, path));
    if (!exact.has(key) && !earlier) exact.set(key, c);
  }

  const candidates = (path: string): Compiled[] => {
    const own = byPrefix.get(prefixOf(path)) ?? [];
    const any = byPrefix.get("*");
    return any ? [...own, ...any].sort((a, b) => a.index - b.index) : own;
  };

  return {
    match(method, rawPath) {
      const path = trimSlashes(rawPath);
      const hit = exact.get(`${method} ${path}`);
      for (const c of candidates(path)) {
        if (hit && c.index > hit.index) break;
        if (c.route.method !== method) continue;
        const groups = c.pattern?.exec(path)?.groups;
        if (groups) return { route: c.route, params: groups };
      }
      return hit ? { route: hit.route, params: NO_PARAMS } : undefined;
    },
    allowed(rawPath) {
      const path = trimSlashes(rawPath);
      const methods = compiled.filter((c) => matchesPath(c, path)).map((c) => c.route.method);
      return [...new Set(methods)];
    },
  };
}

function matchesPath(c: Compiled, path: string): boolean {
  return c.pattern ? c.pattern.test(path) : trimSlashes(c.route.path) === path;
}

/** `/v1/threads/:thread_id` → /^\/v1\/threads\/(?<thread_id>[^/]+)$/; `:name+` takes the rest (slashes too). */
function patternOf(path: string): RegExp {
  const source = trimSlashes(path)
    .split("/")
    .map((segment) => {
      const param = /^:(\w+)(\+?)$/.exec(segment);
      if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      return param[2] ? `(?<${param[1]}>.+)` : `(?<${param[1]}>[^/]+)`;
    })
    .join("/");
  return new RegExp(`^${source}$`);
}

/** A route's first two segments when neither is a parameter ("/v1/threads"), else "*". */
function staticPrefix(path: string): string {
  const [, first, second] = path.split("/", 3);
  if (first === undefined || second === undefined || first.startsWith(":") || second.startsWith(":")) return "*";
  return `/${first}/${second}`;
}

/** A request path's first two segments. */
function prefixOf(path: string): string {
  const end = path.indexOf("/", path.indexOf("/", 1) + 1);
  return end === -1 ? path : path.slice(0, end);
}

/** The path without trailing slashes ("/" stays "/"). */
function trimSlashes(path: string): string {
  let end = path.length;
  while (end > 1 && path.charCodeAt(end - 1) === 0x2f) end--;
  return end === path.length ? path : path.slice(0, end);
}
