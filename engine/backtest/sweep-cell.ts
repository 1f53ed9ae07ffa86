/**
 * One cell of a sweep: the same parameters run twice, on the in-sample window (which the sweep
 * ranks by) and on the out-of-sample window after it (reported next to the rank, never used to
 * rank), each from a fresh account and scratch database.
 */
import { readFileSync } from "node:fs";
import type { Cell } from "./grid.ts";
import { runBacktest } from "./run.ts";
import { loadScratchTemplate } from "./scratch-db.ts";
import type { RecordedDecision } from "./selectors/recorded.ts";
import { type RunSummary, summarize } from "./summary.ts";
import type { SelectorSpec, SourceSpec } from "./types.ts";

export interface CellJob {
  from: number;
  split: number;
  to: number;
  source: SourceSpec;
  selector: SelectorSpec;
  /** JSON file of RecordedDecision[] (for selector "recorded"). */
  decisionsFile?: string;
  env: Record<string, string | undefined>;
  parameters: Cell;
  aiBudgetMicros?: number;
  aiCacheDir?: string;
  /** The migrated scratch schema, built once by the sweep (scratch-db.ts). */
  scratchTemplate?: string;
}

export type WindowResult = RunSummary & { events: number; from: string; to: string };

export interface CellResult {
  parameters: Cell;
  inSample: WindowResult;
  outOfSample: WindowResult;
}

export async function runCell(job: CellJob): Promise<CellResult> {
  if (job.scratchTemplate) loadScratchTemplate(job.scratchTemplate);
  const decisions = job.decisionsFile
    ? (JSON.parse(readFileSync(job.decisionsFile, "utf8")) as RecordedDecision[])
    : undefined;
  const window = async (from: number, to: number): Promise<WindowResult> => {
    const run = await runBacktest({
      from,
      to,
      source: job.source,
      selector: job.selector,
      env: job.env,
      parameters: job.parameters,
      ...(decisions ? { decisions } : {}),
      ...(job.aiBudgetMicros !== undefined ? { aiBudgetMicros: job.aiBudgetMicros } : {}),
      ...(job.aiCacheDir ? { aiCacheDir: job.aiCacheDir } : {}),
    });
    try {
      const summary = await summarize(run.db, run.config.accountId);
      return { ...summary, events: run.eventsProcessed, from: run.from, to: run.to };
    } finally {
      await run.db.close();
    }
  };
  return {
    parameters: job.parameters,
    inSample: await window(job.from, job.split),
    outOfSample: await window(job.split, job.to),
  };
}
