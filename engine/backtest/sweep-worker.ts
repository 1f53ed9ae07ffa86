/**
 * A sweep's worker process: reads its share of the cells (a JSON array of CellJob) on stdin and
 * writes one CellResult per line on stdout as each finishes. One process per core; cells inside a
 * process run one after another, each on its own scratch database.
 */
import { type CellJob, runCell } from "./sweep-cell.ts";

if (import.meta.main) {
  const jobs = JSON.parse(await new Response(Bun.stdin.stream()).text()) as CellJob[];
  for (const job of jobs) process.stdout.write(`${JSON.stringify(await runCell(job))}\n`);
}
