/**
 * Durable Objects for the in-process CPU bench: the real ThreadCoordinator class (from the
 * bundle) instantiated once per id over an in-memory SQLite database (node:sqlite), behind a
 * namespace with `getByName`. `ctx.storage.sql.exec(query, ...bindings)` returns a cursor with
 * `toArray()` and iteration, as workerd's SqlStorage does; `deleteAll()` drops every table.
 * Each call through the stub is a resolved promise whose arguments and result pass through
 * `structuredClone`, as RPC serialises them. SQLite's own work is counted as ours: in
 * production it is billed to the Durable Object, not to the Worker, so this overstates the
 * Worker's CPU slightly.
 */
import { DatabaseSync } from "node:sqlite";

class SqlStorage {
  #db = new DatabaseSync(":memory:");
  #statements = new Map();

  exec(query, ...bindings) {
    let statement = this.#statements.get(query);
    if (!statement) {
      if (!/^\s*(SELECT|INSERT|DELETE|UPDATE)/i.test(query)) {
        this.#db.exec(query);
        return cursor([]);
      }
      statement = this.#db.prepare(query);
      this.#statements.set(query, statement);
    }
    if (/^\s*SELECT/i.test(query)) return cursor(statement.all(...bindings));
    statement.run(...bindings);
    return cursor([]);
  }

  deleteAll() {
    const tables = this.#db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all();
    for (const { name } of tables) this.#db.exec(`DELETE FROM "${name}"`);
  }
}

function cursor(rows) {
  return { toArray: () => rows, [Symbol.iterator]: () => rows[Symbol.iterator](), one: () => rows[0] };
}

/** A `DurableObjectNamespace` of `Class` instances, one per name; `requests` counts calls through stubs. */
export function memoryNamespace(Class, env) {
  const objects = new Map();
  const namespace = { requests: 0 };
  const objectFor = (name) => {
    let object = objects.get(name);
    if (!object) {
      const sql = new SqlStorage();
      const ctx = { id: { toString: () => name, name }, storage: { sql, deleteAll: async () => sql.deleteAll() } };
      object = new Class(ctx, env);
      objects.set(name, object);
    }
    return object;
  };
  return Object.assign(namespace, {
    getByName(name) {
      const object = objectFor(name);
      return new Proxy(
        {},
        {
          get: (_target, method) =>
            typeof method !== "string" || method === "then"
              ? undefined
              : async (...args) => {
                  namespace.requests++;
                  return structuredClone(await object[method](...structuredClone(args)));
                },
        },
      );
    },
  });
}
