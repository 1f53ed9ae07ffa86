/**
 * A DataLoader in a few lines: keys asked for during one turn of the event loop are loaded with
 * one query, and each key is loaded at most once per request. graphql-js resolves the fields of
 * every list item before yielding, so a page of 50 trades asks for its 50 markets together.
 */
export interface Loader<K, V> {
  (key: K): Promise<V>;
  /** Seeds the cache with a value already in hand (a join fetched it), unless the key is known. */
  prime(key: K, value: V): void;
}

export function batchLoader<K, V>(
  loadMany: (keys: readonly K[]) => Promise<ReadonlyMap<K, V>>,
  missing: V,
): Loader<K, V> {
  const cache = new Map<K, Promise<V>>();
  let pending: { key: K; resolve: (v: V) => void; reject: (e: unknown) => void }[] = [];

  const flush = () => {
    const batch = pending;
    pending = [];
    const keys = [...new Set(batch.map((b) => b.key))];
    loadMany(keys).then(
      (found) => {
        for (const b of batch) b.resolve(found.get(b.key) ?? missing);
      },
      (error) => {
        for (const b of batch) b.reject(error);
      },
    );
  };

  const load = (key: K) => {
    const cached = cache.get(key);
    if (cached) return cached;
    const promise = new Promise<V>((resolve, reject) => {
      // setImmediate, not a microtask: resolvers that await before asking still join the batch.
      if (pending.length === 0) setImmediate(flush);
      pending.push({ key, resolve, reject });
    });
    cache.set(key, promise);
    return promise;
  };
  return Object.assign(load, {
    prime(key: K, value: V) {
      if (!cache.has(key)) cache.set(key, Promise.resolve(value));
    },
  });
}

/** Groups rows by a key into a map of arrays (for one-to-many loaders). */
export function groupBy<K, V>(rows: readonly V[], keyOf: (v: V) => K): Map<K, V[]> {
  const out = new Map<K, V[]>();
  for (const row of rows) {
    const k = keyOf(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}
