/**
 * Source (b): Kalshi history imported by `import-history` (engine/history/README.md). Its
 * observations are MarketObserved data stamped at the end of each candle, already in time order,
 * so they feed the same view as the own log. Candles carry no order-book sizes: without
 * `assumedDepth` (contracts at the best bid and ask) the books are empty and nothing can pass the
 * depth checks, which is the honest default.
 */
import { readHistory } from "../../history/read.ts";
import { StreamSource } from "./stream-source.ts";
import type { Observation } from "./types.ts";

const BATCH = 5000;

async function* batches(dir: string): AsyncGenerator<Observation[]> {
  let batch: Observation[] = [];
  for await (const o of readHistory(dir)) {
    batch.push(o);
    if (batch.length === BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

export function historySource(dir: string, options: { assumedDepth?: number } = {}): StreamSource {
  return new StreamSource(`history:${dir}`, batches(dir), {
    assumedSize: Math.round((options.assumedDepth ?? 0) * 100),
  });
}
