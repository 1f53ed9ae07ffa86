/**
 * Parameter sweeps: every cell of the grid is a full backtest in its own worker process, as many
 * at once as there are cores. The date range is split: the first part (70% by default, whole
 * days) is in-sample, the cells are ranked by its P&L after fees; the rest is out-of-sample and
 * reported beside each rank, so a cell that merely fitted the noise shows it.
 *
 * A log source is read once, into a JSON-lines file the workers read; recorded decisions too.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import type { Queryable } from "../db/database.ts";
import type { Cell } from "./grid.ts";
import { saveScratchTemplate } from "./scratch-db.ts";
import { loadRecordedDecisions } from "./selectors/recorded.ts";
import { writeObservations } from "./sources/file-source.ts";
import { readObservations } from "./sources/log-source.ts";
import type { CellJob, CellResult } from "./sweep-cell.ts";
import type { SelectorSpec, SourceSpec } from "./types.ts";

const DAY = 86_400_000;
const WORKER = join(import.meta.dir, "sweep-worker.ts");

export interface SweepOptions {
  from: number;
  to: number;
  source: SourceSpec;
  selector: SelectorSpec;
  env: Record<string, string | undefined>;
  /** `--set` values every cell shares; the cell's own values win. */
  base: Cell;
  cells: Cell[];
  log?: Queryable;
  accountId?: string;
  /** Share of the range ranked in-sample (default 0.7). */
  inSample?: number;
  workers?: number;
  aiBudgetMicros?: number;
  aiCacheDir?: string;
  onCellDone?: (done: number, total: number) => void;
}

export interface RankedCell extends CellResult {
  rank: number;
}

export interface SweepResult {
  from: string;
  split: string;
  to: string;
  workers: number;
  cells: RankedCell[];
  elapsedMs: number;
}

/** The in-sample/out-of-sample boundary: `share` of the range, on a whole day, both sides non-empty. */
export function splitPoint(from: number, to: number, share: number): number {
  if (!(share > 0 && share < 1)) throw new RangeError("the in-sample share must be between 0 and 1");
  const days = Math.floor((to - from) / DAY);
  if (days < 2) throw new RangeError("a sweep needs at least two days: one in-sample, one out-of-sample");
  const inDays = Math.min(days - 1, Math.max(1, Math.round(days * share)));
  return from + inDays * DAY;
}

/** Runs `jobs` in one worker process, reporting each result as it arrives. */
async function runWorker(jobs: CellJob[], onResult: (r: CellResult) => void): Promise<void> {
  const child = Bun.spawn([process.execPath, WORKER], {
    stdin: new Blob([JSON.stringify(jobs)]),
    stdout: "pipe",
    stderr: "pipe",
  });
  const errText = new Response(child.stderr).text();
  const decoder = new TextDecoder();
  let buffered = "";
  const reader = child.stdout.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffered += decoder.decode(value, { stream: true });
    let nl = buffered.indexOf("\n");
    while (nl >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      if (line.trim()) onResult(JSON.parse(line) as CellResult);
      nl = buffered.indexOf("\n");
    }
  }
  const code = await child.exited;
  if (code !== 0) {
    const err = (await errText).trim().split("\n").slice(-30).join("\n");
    throw new Error(`sweep worker failed (exit ${code}): ${err}`);
  }
}

export function rank(results: CellResult[]): RankedCell[] {
  const key = (c: CellResult) => JSON.stringify(c.parameters);
  return [...results]
    .sort(
      (a, b) =>
        b.inSample.pnlMicros - a.inSample.pnlMicros ||
        a.inSample.feesMicros - b.inSample.feesMicros ||
        key(a).localeCompare(key(b)),
    )
    .map((c, i) => ({ ...c, rank: i + 1 }));
}

export async function runSweep(options: SweepOptions): Promise<SweepResult> {
  const started = performance.now();
  const split = splitPoint(options.from, options.to, options.inSample ?? 0.7);
  const dir = mkdtempSync(join(tmpdir(), "conviction-sweep-"));
  try {
    let source = options.source;
    if (source.kind === "log") {
      if (!options.log) throw new Error("--source log needs an event log to read");
      const path = join(dir, "observations.jsonl");
      await writeObservations(path, readObservations(options.log, { to: options.to }));
      source = { kind: "file", path };
    }
    let decisionsFile: string | undefined;
    if (options.selector === "recorded") {
      if (!options.log) throw new Error("--selector recorded needs an event log with AI decisions");
      decisionsFile = join(dir, "decisions.json");
      writeFileSync(
        decisionsFile,
        JSON.stringify(await loadRecordedDecisions(options.log, options.accountId)),
      );
    }
    // Every worker would otherwise migrate its own scratch schema (seconds each): build it once.
    const scratchTemplate = join(dir, "scratch-template.tar");
    await saveScratchTemplate(scratchTemplate);
    const total = options.cells.length;
    // Two windows a cell: split the AI budget so the whole sweep stays under it.
    const aiBudgetMicros =
      options.aiBudgetMicros === undefined ? undefined : Math.floor(options.aiBudgetMicros / (2 * total));
    const jobs: CellJob[] = options.cells.map((cell) => ({
      from: options.from,
      split,
      to: options.to,
      source,
      selector: options.selector,
      ...(decisionsFile ? { decisionsFile } : {}),
      env: options.env,
      parameters: { ...options.base, ...cell },
      ...(aiBudgetMicros !== undefined ? { aiBudgetMicros } : {}),
      ...(options.aiCacheDir ? { aiCacheDir: options.aiCacheDir } : {}),
      scratchTemplate,
    }));
    const workers = Math.max(1, Math.min(options.workers ?? availableParallelism(), total));
    const results: CellResult[] = [];
    // Round-robin shares: neighbouring cells cost about the same, so the shares come out even.
    const shares = Array.from({ length: workers }, (_, w) => jobs.filter((_, i) => i % workers === w));
    await Promise.all(
      shares.map((share) =>
        runWorker(share, (r) => {
          results.push(r);
          options.onCellDone?.(results.length, total);
        }),
      ),
    );
    return {
      from: new Date(options.from).toISOString(),
      split: new Date(split).toISOString(),
      to: new Date(options.to).toISOString(),
      workers,
      cells: rank(results),
      elapsedMs: performance.now() - started,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
