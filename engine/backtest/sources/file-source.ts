/**
 * Observations kept in a file, one JSON `Observation` per line, in time order: what a sweep hands
 * its worker processes (the log read once, not once per worker), and the shape an importer of
 * Kalshi history can write for source (b). Every line is checked against MarketObserved's schema;
 * a line with `book` or `settled` instead of `data` (what the engine read, from its log: see
 * log-source.ts) against the shape of those facts.
 */
import { createReadStream, createWriteStream } from "node:fs";
import { createInterface } from "node:readline";
import { z } from "zod";
import { bookLevels } from "../../../events/catalog/books-observed.ts";
import { isoTime, side, ticker } from "../../../events/catalog/common.ts";
import { MarketObserved } from "../../../events/catalog/market-observed.ts";
import { Resolved } from "../../../events/catalog/resolved.ts";
import { StreamSource } from "./stream-source.ts";
import type { Fact } from "./types.ts";

const BATCH = 5000;

const bookLine = z.object({ ticker, bids: side, levels: bookLevels });
const settledLine = z.object({
  ticker,
  marketResult: Resolved.schema.shape.marketResult,
  settledAt: isoTime,
});

/** One line's fact, or the reason it is none. */
function parseLine(raw: { at?: unknown; data?: unknown; book?: unknown; settled?: unknown }): Fact | string {
  if (typeof raw.at !== "number") return "at must be epoch ms";
  const at = raw.at;
  if (raw.book !== undefined) {
    const p = bookLine.safeParse(raw.book);
    return p.success ? { at, book: p.data } : (p.error.issues[0]?.message ?? "not a book");
  }
  if (raw.settled !== undefined) {
    const p = settledLine.safeParse(raw.settled);
    return p.success ? { at, settled: p.data } : (p.error.issues[0]?.message ?? "not a settlement");
  }
  const p = MarketObserved.schema.safeParse(raw.data);
  return p.success ? { at, data: p.data } : (p.error.issues[0]?.message ?? "not an observation");
}

async function* readLines(path: string): AsyncGenerator<Fact[]> {
  const lines = createInterface({
    input: createReadStream(path, "utf8"),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let batch: Fact[] = [];
  let n = 0;
  for await (const line of lines) {
    n++;
    if (!line.trim()) continue;
    const fact = parseLine(JSON.parse(line));
    if (typeof fact === "string") throw new Error(`${path}:${n}: not an observation (${fact})`);
    batch.push(fact);
    if (batch.length === BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

export function fileSource(path: string): StreamSource {
  return new StreamSource(`file:${path}`, readLines(path));
}

export async function writeObservations(path: string, batches: AsyncIterable<Fact[]>): Promise<number> {
  const out = createWriteStream(path, "utf8");
  let n = 0;
  for await (const batch of batches) {
    const text = batch.map((o) => JSON.stringify(o)).join("\n");
    if (!out.write(`${text}\n`)) await new Promise((r) => out.once("drain", r));
    n += batch.length;
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return n;
}
