/**
 * Splitting a full catalog listing into disjoint created-time windows, so several cursor chains
 * can run at once and the rate limiter, not the round trip of one chain, bounds a large sync.
 *
 * Why created time: Kalshi's GET /markets accepts min/max_created_ts together with status
 * `open`, `unopened` or none (close-time filters only go with `closed` or none), every market has
 * a created_time (required in the SDK's Market model and in our schema), and it never changes, so a
 * market cannot move from one window to another while the sync runs (a close time can).
 *
 * Windows are half-open [from, until) in epoch ms; the first has no lower bound and the last no
 * upper bound, so together they cover every created time whatever the boundaries are: the
 * boundaries only decide how evenly the pages spread over the chains, never what is listed.
 */

export interface CreatedWindow {
  /** Inclusive lower bound (epoch ms); absent = unbounded. */
  from?: number;
  /** Exclusive upper bound (epoch ms); absent = unbounded. */
  until?: number;
}

export const inWindow = (w: CreatedWindow, createdTime: number): boolean =>
  (w.from === undefined || createdTime >= w.from) && (w.until === undefined || createdTime < w.until);

/** Windows at quantiles of a sorted sample of created times; equal boundaries collapse. */
export function windowsFromSample(sortedCreated: readonly number[], chains: number): CreatedWindow[] {
  const n = sortedCreated.length;
  const bounds: number[] = [];
  for (let i = 1; i < chains; i++) {
    const b = sortedCreated[Math.floor((i * n) / chains)];
    if (b !== undefined && b > (bounds.at(-1) ?? Number.NEGATIVE_INFINITY)) bounds.push(b);
  }
  return windowsFrom(bounds);
}

/**
 * Windows from the previous full listing, cut so that every chain but the last is served in
 * whole pages: each window, widened by `widenMs` each way as the request is (see
 * ExchangeClient.#getMarkets), holds at most its share of full pages. A cut that landed a few
 * markets past a page would cost a nearly empty extra request per chain.
 */
export function pageAlignedWindows(
  sortedCreated: readonly number[],
  chains: number,
  pageSize: number,
  widenMs: number,
): CreatedWindow[] {
  const n = sortedCreated.length;
  const perChain = Math.ceil(Math.ceil(n / pageSize) / chains) * pageSize;
  const firstAtOrAbove = (v: number): number => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((sortedCreated[mid] ?? 0) < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const bounds: number[] = [];
  let served = 0; // index of the first market the next window's (widened) request returns
  for (let i = 1; i < chains; i++) {
    let j = Math.min(n - 1, served + perChain);
    // The window ends before sortedCreated[j]; its request also returns up to widenMs beyond.
    while (j > served && firstAtOrAbove((sortedCreated[j] ?? 0) + widenMs) - served > perChain) j--;
    const b = sortedCreated[j];
    if (b === undefined || j <= served || b <= (bounds.at(-1) ?? Number.NEGATIVE_INFINITY)) break;
    bounds.push(b);
    served = firstAtOrAbove(b - widenMs);
  }
  return windowsFrom(bounds);
}

function windowsFrom(bounds: readonly number[]): CreatedWindow[] {
  if (bounds.length === 0) return [{}];
  const out: CreatedWindow[] = [{ until: bounds[0] }];
  for (let i = 1; i < bounds.length; i++) out.push({ from: bounds[i - 1], until: bounds[i] });
  out.push({ from: bounds.at(-1) });
  return out;
}

/** How many chains a listing of about `pages` pages deserves: enough to hide round trips, no more. */
export function chainsFor(pages: number, pagesPerChain: number, maxChains: number): number {
  return Math.max(1, Math.min(maxChains, Math.ceil(pages / pagesPerChain)));
}

/**
 * Items of several async sources as each arrives. Every source is pulled again as soon as it
 * delivers, so all chains keep a request in flight while the consumer works. If a source fails
 * or the consumer stops, the other sources are closed (their failures swallowed).
 */
export async function* mergeConcurrent<T>(
  sources: readonly AsyncIterable<T>[],
): AsyncGenerator<T, void, undefined> {
  const iterators = sources.map((s) => s[Symbol.asyncIterator]());
  const pending = new Map<number, Promise<{ i: number; r: IteratorResult<T> }>>();
  const pull = (i: number) => {
    const it = iterators[i];
    if (!it) return;
    const p = it.next().then((r) => ({ i, r }));
    p.catch(() => undefined);
    pending.set(i, p);
  };
  for (let i = 0; i < iterators.length; i++) pull(i);
  try {
    while (pending.size > 0) {
      const { i, r } = await Promise.race(pending.values());
      if (r.done) {
        pending.delete(i);
        continue;
      }
      pull(i);
      yield r.value;
    }
  } finally {
    for (const i of pending.keys()) iterators[i]?.return?.(undefined)?.catch(() => undefined);
  }
}
