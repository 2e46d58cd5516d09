/**
 * A Durable Object namespace wrapper that counts requests (RPC method calls on its stubs), so
 * tests can assert how many coordinator requests an API call makes, beside its KV operations.
 */

export interface CountingDo<T extends Rpc.DurableObjectBranded | undefined> {
  namespace: DurableObjectNamespace<T>;
  /** Method names called since the last reset, in order. */
  calls: string[];
  /** The number of requests since the last reset, then reset. */
  take(): number;
  reset(): void;
}

export function countingDo<T extends Rpc.DurableObjectBranded | undefined>(inner: DurableObjectNamespace<T>): CountingDo<T> {
  const calls: string[] = [];
  const countStub = (stub: DurableObjectStub<T>) =>
    new Proxy(stub, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (typeof prop !== "string" || typeof value !== "function" || prop === "then") return value;
        // An RPC method is called as is (it is bound to its stub; `.apply` would be an RPC call too).
        return (...args: unknown[]) => {
          calls.push(prop);
          return (value as (...a: unknown[]) => unknown)(...args);
        };
      },
    });
  const namespace = new Proxy(inner, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== "function") return value;
      if (prop === "get" || prop === "getByName") {
        return (...args: unknown[]) => countStub((value as (...a: unknown[]) => DurableObjectStub<T>).apply(target, args));
      }
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
  const reset = () => {
    calls.length = 0;
  };
  return {
    namespace,
    calls,
    reset,
    take() {
      const n = calls.length;
      reset();
      return n;
    },
  };
}
