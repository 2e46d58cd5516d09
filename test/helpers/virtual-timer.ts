/**
 * Virtual time for code that takes a `Timer` (the KV write layer): `sleep` registers a timer
 * instead of waiting, and `run` drives a piece of work to its end, jumping the time to the
 * next timer whenever nothing else can run. Tests see exact times and never really sleep.
 */
import type { Timer } from "../../src/store/kv-writer";

export class VirtualTimer implements Timer {
  time = 0;
  /** Every sleep asked for, in order. */
  readonly sleeps: number[] = [];
  #timers: { at: number; resolve: () => void }[] = [];

  now = (): number => this.time;

  sleep = (ms: number): Promise<void> => {
    this.sleeps.push(ms);
    return this.delay(ms);
  };

  /** A wait in virtual time that is not recorded in `sleeps` (for fakes that take time). */
  delay(ms: number): Promise<void> {
    return new Promise((resolve) => this.#timers.push({ at: this.time + ms, resolve }));
  }

  /** Runs `work` to completion in virtual time; rejects as `work` does. */
  async run<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    work.then(
      () => (settled = true),
      () => (settled = true),
    );
    for (;;) {
      await macrotask();
      if (settled) return work;
      this.#timers.sort((a, b) => a.at - b.at);
      const next = this.#timers.shift();
      if (!next) throw new Error("the work is stuck: nothing is waiting on the timer");
      this.time = Math.max(this.time, next.at);
      next.resolve();
    }
  }
}

/** Lets every pending promise continuation run. */
function macrotask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
