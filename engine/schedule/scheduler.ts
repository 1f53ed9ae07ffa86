import { Cron } from "croner";
import type { Clock } from "../time/clock.ts";

export interface ScheduledJob {
  name: string;
  /** A croner pattern, read in the scheduler's time zone. */
  schedule: string;
  run(): Promise<unknown>;
}

export type RunResult =
  | { job: string; status: "ok"; startedAt: number; finishedAt: number; result: unknown }
  | { job: string; status: "failed"; startedAt: number; finishedAt: number; error: unknown }
  | { job: string; status: "skipped"; reason: string };

export interface SchedulerOptions {
  timezone: string;
  clock: Clock;
  /** Jobs only run on the leader; a standby keeps its timetable and waits. */
  isLeader?: () => boolean;
  onRun?: (result: RunResult) => void;
  /** Clock milliseconds per real millisecond (an accelerated simulation runs faster than 1). */
  speed?: number;
}

export class ScheduleError extends Error {
  override readonly name = "ScheduleError";
}

/**
 * Runs named jobs on croner schedules, against the injected clock, never two runs of one job at
 * once. Time comes only from the Clock: the real engine drives it with timers (`start`), tests and
 * simulations by calling `runDue()` after moving a manual clock, so a simulated week takes seconds.
 */
export class Scheduler {
  readonly #jobs = new Map<string, { job: ScheduledJob; cron: Cron; next: number | null }>();
  readonly #running = new Set<string>();
  #timer: ReturnType<typeof setTimeout> | null = null;
  #stopped = false;

  constructor(
    jobs: readonly ScheduledJob[],
    readonly options: SchedulerOptions,
  ) {
    for (const job of jobs) {
      if (this.#jobs.has(job.name)) throw new ScheduleError(`job ${job.name} is defined twice`);
      let cron: Cron;
      try {
        cron = new Cron(job.schedule, { timezone: options.timezone, paused: true, name: undefined });
      } catch (error) {
        throw new ScheduleError(
          `job ${job.name}: schedule ${JSON.stringify(job.schedule)} is invalid: ${(error as Error).message}`,
        );
      }
      this.#jobs.set(job.name, { job, cron, next: this.#nextAfter(cron, options.clock.now()) });
    }
  }

  #nextAfter(cron: Cron, after: number): number | null {
    return cron.nextRun(new Date(after))?.getTime() ?? null;
  }

  get jobNames(): string[] {
    return [...this.#jobs.keys()];
  }

  /** When each job runs next, in the scheduler's clock. */
  timetable(): { job: string; next: number | null; running: boolean }[] {
    return [...this.#jobs.values()].map((j) => ({
      job: j.job.name,
      next: j.next,
      running: this.#running.has(j.job.name),
    }));
  }

  /** The earliest next run of any job. */
  nextDue(): number | null {
    const times = [...this.#jobs.values()].map((j) => j.next).filter((t): t is number => t !== null);
    return times.length ? Math.min(...times) : null;
  }

  /** Runs a job now (by hand or on schedule), unless it is already running. */
  async runNow(name: string): Promise<RunResult> {
    const entry = this.#jobs.get(name);
    if (!entry)
      throw new ScheduleError(`no job named ${JSON.stringify(name)}; jobs: ${this.jobNames.join(", ")}`);
    if (this.#running.has(name)) {
      const skipped: RunResult = { job: name, status: "skipped", reason: "already running" };
      this.options.onRun?.(skipped);
      return skipped;
    }
    this.#running.add(name);
    const startedAt = this.options.clock.now();
    let result: RunResult;
    try {
      const value = await entry.job.run();
      result = { job: name, status: "ok", startedAt, finishedAt: this.options.clock.now(), result: value };
    } catch (error) {
      result = { job: name, status: "failed", startedAt, finishedAt: this.options.clock.now(), error };
    } finally {
      this.#running.delete(name);
    }
    this.options.onRun?.(result);
    return result;
  }

  /**
   * Runs every job whose time has come, in time order, then schedules each one's next run after
   * now (missed runs collapse into one, as croner does). Returns what ran.
   */
  async runDue(): Promise<RunResult[]> {
    const now = this.options.clock.now();
    const due = [...this.#jobs.values()]
      .filter((j) => j.next !== null && j.next <= now)
      .sort((a, b) => (a.next ?? 0) - (b.next ?? 0));
    const results: RunResult[] = [];
    for (const entry of due) {
      entry.next = this.#nextAfter(entry.cron, now);
      if (this.options.isLeader && !this.options.isLeader()) {
        results.push({ job: entry.job.name, status: "skipped", reason: "standby: another engine leads" });
        continue;
      }
      results.push(await this.runNow(entry.job.name));
    }
    return results;
  }

  /** Real time: sleep until the next due job, run it, repeat. */
  start(): void {
    this.#stopped = false;
    const arm = () => {
      if (this.#stopped) return;
      const next = this.nextDue();
      const speed = this.options.speed ?? 1;
      const clockWait = next === null ? 60_000 : Math.max(0, next - this.options.clock.now());
      const wait = Math.min(clockWait / speed, 60_000);
      this.#timer = setTimeout(async () => {
        await this.runDue();
        arm();
      }, wait);
    };
    arm();
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    for (const { cron } of this.#jobs.values()) cron.stop();
  }
}
