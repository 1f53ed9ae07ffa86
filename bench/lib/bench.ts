import type { MachineFacts } from "./machine.ts";
import type { BenchOptions } from "./options.ts";
import type { Comparison, Figure } from "./report.ts";

export interface BenchContext {
  readonly options: BenchOptions;
  readonly machine: MachineFacts;
  /** Whether the PostgreSQL server answered; PostgreSQL parts skip themselves (with a note) if not. */
  readonly postgresReachable: boolean;
  record(figure: Omit<Figure, "bench">): void;
  compare(comparison: Omit<Comparison, "bench">): void;
  note(text: string): void;
  /** Progress on stderr, so stdout stays a clean table or JSON document. */
  log(text: string): void;
}

/** One file under bench/, selectable with --only <name>. */
export interface Bench {
  readonly name: string;
  readonly description: string;
  run(ctx: BenchContext): Promise<void>;
}

/**
 * Wall-clock seconds of `fn`, after a full GC so garbage from preparing the workload is not
 * collected on the measured clock.
 */
export async function timed<T>(fn: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  Bun.gc(true);
  const start = performance.now();
  const value = await fn();
  return { seconds: (performance.now() - start) / 1000, value };
}

/** Runs `worker` over 0..count-1 with `concurrency` workers pulling the next index. */
export async function pool(count: number, concurrency: number, worker: (i: number) => Promise<void>) {
  let next = 0;
  const run = async () => {
    for (let i = next++; i < count; i = next++) await worker(i);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, run));
}
