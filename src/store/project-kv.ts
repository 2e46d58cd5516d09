/**
 * One project's view of the CACHE namespace: every object a key creates belongs to the key's
 * project, and another project must not find it, list it or overwrite it. Rather than teach
 * every repository about projects, the repositories get a namespace in which every key is
 * prefixed with `p/{project}/` and every listing is cut back to the names they wrote, so they
 * keep spelling the keys of keys.ts and cannot reach outside the project by mistake.
 *
 * The default project (API_KEYS keys, anonymous requests) is the namespace itself, unprefixed,
 * so data written before projects existed stays where it was. The project is URI-encoded into
 * its segment so no project name can contain `/` and reach into another's prefix (`a` vs `a/x`).
 *
 * Costs nothing extra: each operation is the same single KV operation on a longer key.
 */
import { DEFAULT_PROJECT } from "../keys/principal";
import { keys } from "./keys";

/** The prefix of a non-default project's keys; "" for the default project. */
export function projectPrefix(project: string): string {
  return project === DEFAULT_PROJECT ? "" : keys.projectPrefix(project);
}

/** `kv` as `project` sees it: the namespace itself for the default project, else a prefixed view. */
export function projectKv(kv: KVNamespace, project: string): KVNamespace {
  const prefix = projectPrefix(project);
  return prefix === "" ? kv : new PrefixedKv(kv, prefix);
}

/** What `get` and `getWithMetadata` accept after the key, across all their overloads. */
type GetArg =
  | "text"
  | "json"
  | "arrayBuffer"
  | "stream"
  | Partial<KVNamespaceGetOptions<"text" | "json" | "arrayBuffer" | "stream" | undefined>>;

/** The binding's `get` / `getWithMetadata` seen as one signature (their overloads all take this shape). */
type AnyGet = (key: string | string[], type?: GetArg) => Promise<unknown>;

/**
 * A KVNamespace whose keys all live under `prefix`. Bulk reads and listings come back with the
 * prefix cut off; list cursors pass through unchanged (KV ties them to the prefix listed, which
 * is always this view's prefix plus the caller's).
 */
class PrefixedKv implements KVNamespace {
  readonly #get: AnyGet;
  readonly #getWithMetadata: AnyGet;

  constructor(
    private readonly kv: KVNamespace,
    private readonly prefix: string,
  ) {
    // The overloads differ only in what the promise resolves to, which passes through untouched.
    this.#get = kv.get.bind(kv) as AnyGet;
    this.#getWithMetadata = kv.getWithMetadata.bind(kv) as AnyGet;
  }

  // One implementation serves every overload (single or bulk, any type): the value is the
  // binding's own, only key names change. `never` lets it stand for each overload's result.
  get(key: string | string[], type?: GetArg): Promise<never> {
    return this.#read(this.#get, key, type);
  }

  getWithMetadata(key: string | string[], type?: GetArg): Promise<never> {
    return this.#read(this.#getWithMetadata, key, type);
  }

  async list<Metadata = unknown>(options: KVNamespaceListOptions = {}): Promise<KVNamespaceListResult<Metadata, string>> {
    const page = await this.kv.list<Metadata>({ ...options, prefix: this.prefix + (options.prefix ?? "") });
    const keys = page.keys.map((k) => ({ ...k, name: k.name.slice(this.prefix.length) }));
    return { ...page, keys };
  }

  put(key: string, value: string | ArrayBuffer | ArrayBufferView | ReadableStream, options?: KVNamespacePutOptions): Promise<void> {
    return this.kv.put(this.prefix + key, value, options);
  }

  delete(key: string): Promise<void> {
    return this.kv.delete(this.prefix + key);
  }

  async #read(read: AnyGet, key: string | string[], type: GetArg | undefined): Promise<never> {
    if (!Array.isArray(key)) return (await read(this.prefix + key, type)) as never;
    const found = (await read(
      key.map((k) => this.prefix + k),
      type,
    )) as Map<string, unknown>;
    return new Map([...found].map(([name, value]) => [name.slice(this.prefix.length), value])) as never;
  }
}
