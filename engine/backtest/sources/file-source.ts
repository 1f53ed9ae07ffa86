/**
 * Observations kept in a file, one JSON `Observation` per line, in time order: what a sweep hands
 * its worker processes (the log read once, not once per worker), and the shape an importer of
 * Kalshi history can write for source (b). Every line is checked against MarketObserved's schema.
 */
import { createReadStream, createWriteStream } from "node:fs";
import { createInterface } from "node:readline";
import { MarketObserved } from "../../../events/catalog/market-observed.ts";
import { StreamSource } from "./stream-source.ts";
import type { Observation } from "./types.ts";

const BATCH = 5000;

async function* readLines(path: string): AsyncGenerator<Observation[]> {
  const lines = createInterface({
    input: createReadStream(path, "utf8"),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let batch: Observation[] = [];
  let n = 0;
  for await (const line of lines) {
    n++;
    if (!line.trim()) continue;
    const raw = JSON.parse(line) as { at?: unknown; data?: unknown };
    const parsed = MarketObserved.schema.safeParse(raw.data);
    if (typeof raw.at !== "number" || !parsed.success)
      throw new Error(
        `${path}:${n}: not an observation (${parsed.error?.issues[0]?.message ?? "at must be epoch ms"})`,
      );
    batch.push({ at: raw.at, data: parsed.data });
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

export async function writeObservations(
  path: string,
  batches: AsyncIterable<Observation[]>,
): Promise<number> {
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
