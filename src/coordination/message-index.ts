/**
 * A thread's message index in its coordinator's SQLite storage: one row per message (its
 * time-sortable id and the run that wrote it), so a page of the thread is one indexed query
 * and the page's messages are then read from KV by key (about `limit` reads), instead of
 * listing the whole thread from KV. The messages themselves stay in KV, the store of record.
 *
 * Paging follows OpenAI's list semantics exactly as src/wire/pagination.ts does on a list in
 * memory: `after`/`before` are id cursors (ids sort by creation), `before` keeps the items
 * nearest the cursor, and `run_id` filters first.
 */
import type { IndexedMessage, IndexPage, IndexQuery } from "./coordination";

export class MessageIndex {
  constructor(private readonly sql: SqlStorage) {
    sql.exec("CREATE TABLE IF NOT EXISTS messages (id TEXT PRIMARY KEY, run_id TEXT) WITHOUT ROWID");
    sql.exec("CREATE INDEX IF NOT EXISTS messages_by_run ON messages (run_id, id)");
  }

  add(messages: readonly IndexedMessage[]): void {
    for (const m of messages) this.sql.exec("INSERT OR IGNORE INTO messages (id, run_id) VALUES (?, ?)", m.id, m.runId);
  }

  remove(id: string): void {
    this.sql.exec("DELETE FROM messages WHERE id = ?", id);
  }

  /** One page of ids, in the query's order; reads at most `limit + 1` rows. */
  page(query: IndexQuery): IndexPage {
    const asc = query.order === "asc";
    const where: string[] = [];
    const bindings: string[] = [];
    if (query.runId) {
      where.push("run_id = ?");
      bindings.push(query.runId);
    }
    if (query.after) {
      where.push(asc ? "id > ?" : "id < ?");
      bindings.push(query.after);
    }
    if (query.before) {
      where.push(asc ? "id < ?" : "id > ?");
      bindings.push(query.before);
    }
    // `before` pages back towards the start: read from the cursor outwards, then restore the order.
    const fromCursor = query.before !== undefined;
    const direction = asc !== fromCursor ? "ASC" : "DESC";
    const sql = `SELECT id FROM messages${where.length ? ` WHERE ${where.join(" AND ")}` : ""} ORDER BY id ${direction} LIMIT ?`;
    const rows = this.sql.exec<{ id: string }>(sql, ...bindings, query.limit + 1).toArray();
    const ids = rows.slice(0, query.limit).map((r) => r.id);
    return { ids: fromCursor ? ids.reverse() : ids, hasMore: rows.length > query.limit };
  }
}
