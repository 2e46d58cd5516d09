/**
 * JSON values in KV, with the platform's write rules built in: KV allows one write per
 * second to the same key (else 429), so a second write to a key this isolate wrote less than
 * `spacingMs` ago waits out the rest, and a 429 is retried a bounded number of times.
 */

export interface KvWriteOptions {
  expirationTtl?: number;
  metadata?: unknown;
}

const lastWrite = new Map<string, number>();
const MAX_TRACKED = 1000;

export class JsonKv {
  constructor(
    readonly kv: KVNamespace,
    /** Minimum time between two writes to one key; KV's limit is 1 s. */
    private readonly spacingMs = 1000,
  ) {}

  get<T>(key: string): Promise<T | null> {
    return this.kv.get<T>(key, "json");
  }

  async put(key: string, value: unknown, options: KvWriteOptions = {}): Promise<void> {
    await this.waitForSpacing(key);
    const body = JSON.stringify(value);
    for (let attempt = 0; ; attempt++) {
      try {
        await this.kv.put(key, body, options);
        break;
      } catch (err) {
        if (attempt >= 2 || !isRateLimited(err)) throw err;
        await sleep(1000 * (attempt + 1));
      }
    }
    this.remember(key);
  }

  async delete(key: string): Promise<void> {
    await this.waitForSpacing(key);
    await this.kv.delete(key);
    this.remember(key);
  }

  private async waitForSpacing(key: string): Promise<void> {
    const last = lastWrite.get(key);
    if (last === undefined || this.spacingMs <= 0) return;
    const wait = last + this.spacingMs - Date.now();
    if (wait > 0) await sleep(wait);
  }

  private remember(key: string): void {
    if (this.spacingMs <= 0) return;
    if (lastWrite.size >= MAX_TRACKED) lastWrite.clear();
    lastWrite.set(key, Date.now());
  }
}

function isRateLimited(err: unknown): boolean {
  const text = err instanceof Error ? err.message : String(err);
  return /\b429\b|too many requests/i.test(text);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
