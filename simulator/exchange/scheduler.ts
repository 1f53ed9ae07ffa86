/**
 * Time-ordered work: every market's lifecycle instants (kept as sorted index arrays, so 100,000
 * markets cost four sorts, not 400,000 timers) plus a heap of one-off jobs (scenario steps, order
 * expiries, early settlements). Ties run in insertion order, so a run is deterministic.
 */
import { finalizedTime } from "../market/lifecycle.ts";
import type { MarketState } from "../market/types.ts";

export type LifecycleKind = "open" | "close" | "determine" | "finalize";
const KINDS: readonly LifecycleKind[] = ["open", "close", "determine", "finalize"];

export function lifecycleTime(kind: LifecycleKind, m: MarketState): number {
  switch (kind) {
    case "open":
      return m.openTime;
    case "close":
      return m.closeTime;
    case "determine":
      return m.determinationTime;
    case "finalize":
      return finalizedTime(m);
  }
}

interface Track {
  order: Int32Array;
  times: Float64Array;
  next: number;
}

export interface LifecycleDue {
  kind: LifecycleKind;
  market: MarketState;
  time: number;
}

export class LifecycleSchedule {
  #tracks = new Map<LifecycleKind, Track>();
  #markets: readonly MarketState[] = [];

  /** (Re)indexes all markets; only instants strictly after `after` will be reported. */
  rebuild(markets: readonly MarketState[], after: number): void {
    this.#markets = markets;
    for (const kind of KINDS) {
      const idx: number[] = [];
      for (const m of markets) if (lifecycleTime(kind, m) > after) idx.push(m.index);
      idx.sort((a, b) => {
        const ma = markets[a];
        const mb = markets[b];
        return (ma && mb ? lifecycleTime(kind, ma) - lifecycleTime(kind, mb) : 0) || a - b;
      });
      const order = Int32Array.from(idx);
      const times = Float64Array.from(idx, (i) => {
        const m = markets[i];
        return m ? lifecycleTime(kind, m) : Number.POSITIVE_INFINITY;
      });
      this.#tracks.set(kind, { order, times, next: 0 });
    }
  }

  /** Earliest pending instant; entries made stale by an early settlement are skipped. */
  peek(): LifecycleDue | undefined {
    let best: LifecycleDue | undefined;
    for (const kind of KINDS) {
      const track = this.#tracks.get(kind);
      if (!track) continue;
      while (track.next < track.order.length) {
        const m = this.#markets[track.order[track.next] ?? -1];
        const time = track.times[track.next] ?? Number.POSITIVE_INFINITY;
        if (m && lifecycleTime(kind, m) === time) {
          if (!best || time < best.time) best = { kind, market: m, time };
          break;
        }
        track.next++;
      }
    }
    return best;
  }

  take(due: LifecycleDue): void {
    const track = this.#tracks.get(due.kind);
    if (track) track.next++;
  }
}

export interface Job {
  time: number;
  seq: number;
  run: () => void;
}

export class JobQueue {
  #heap: Job[] = [];
  #seq = 0;

  push(time: number, run: () => void): void {
    const job: Job = { time, seq: ++this.#seq, run };
    const h = this.#heap;
    h.push(job);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = h[parent];
      if (!p || !before(job, p)) break;
      h[i] = p;
      h[parent] = job;
      i = parent;
    }
  }

  peekTime(): number {
    return this.#heap[0]?.time ?? Number.POSITIVE_INFINITY;
  }

  pop(): Job | undefined {
    const h = this.#heap;
    const top = h[0];
    const last = h.pop();
    if (!top || !last || h.length === 0) return top;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      const hm = () => h[m] as Job;
      if (l < h.length && before(h[l] as Job, hm())) m = l;
      if (r < h.length && before(h[r] as Job, hm())) m = r;
      if (m === i) break;
      const tmp = h[i] as Job;
      h[i] = h[m] as Job;
      h[m] = tmp;
      i = m;
    }
    return top;
  }
}

const before = (a: Job, b: Job): boolean => a.time < b.time || (a.time === b.time && a.seq < b.seq);
