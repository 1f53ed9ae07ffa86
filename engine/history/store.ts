/**
 * Writing an import: each market's file appears whole or not at all (written to a temporary name,
 * then renamed), so a market file's presence means that market is done. An interrupted import
 * leaves at most a stray temporary file, never half a market, and a rerun skips what is there:
 * no market is ever written twice. The checkpoint remembers the options the import runs with (a
 * resume must use the same), how many markets are done, and whether the import finished.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import {
  CHECKPOINT_FILE,
  HISTORY_FORMAT,
  type HistoryMarket,
  type HistoryObservation,
  type HistoryTrade,
  MARKETS_DIR,
  marketFileName,
} from "./format.ts";

export const checkpointSchema = z.object({
  format: z.literal(HISTORY_FORMAT),
  /** The options the import runs with; a resume must use the same. */
  options: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  marketsDone: z.number().int().nonnegative(),
  complete: z.boolean(),
});
export type Checkpoint = z.infer<typeof checkpointSchema>;

export class HistoryDirError extends Error {
  override readonly name = "HistoryDirError";
}

export function marketPath(dir: string, ticker: string): string {
  return join(dir, MARKETS_DIR, marketFileName(ticker));
}

export const hasMarket = (dir: string, ticker: string): boolean => existsSync(marketPath(dir, ticker));

export function writeMarket(
  dir: string,
  market: HistoryMarket,
  observations: readonly HistoryObservation[],
  trades: readonly HistoryTrade[],
): void {
  mkdirSync(join(dir, MARKETS_DIR), { recursive: true });
  const lines = [
    JSON.stringify({ format: HISTORY_FORMAT, market }),
    ...observations.map((o) => JSON.stringify(o)),
    ...trades.map((trade) => JSON.stringify({ trade })),
  ];
  const target = marketPath(dir, market.ticker);
  const temporary = `${target}.partial`;
  writeFileSync(temporary, `${lines.join("\n")}\n`);
  renameSync(temporary, target);
}

/** Leftovers of an interrupted write: removed before a resume. */
export function removePartials(dir: string): void {
  const markets = join(dir, MARKETS_DIR);
  if (!existsSync(markets)) return;
  for (const name of readdirSync(markets)) if (name.endsWith(".partial")) rmSync(join(markets, name));
}

export function readCheckpoint(dir: string): Checkpoint | null {
  const path = join(dir, CHECKPOINT_FILE);
  if (!existsSync(path)) return null;
  const parsed = checkpointSchema.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.success)
    throw new HistoryDirError(`${path} is not a checkpoint of this importer: ${parsed.error.message}`);
  return parsed.data;
}

export function writeCheckpoint(dir: string, checkpoint: Checkpoint): void {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, CHECKPOINT_FILE);
  writeFileSync(`${path}.partial`, `${JSON.stringify(checkpoint, null, 2)}\n`);
  renameSync(`${path}.partial`, path);
}
