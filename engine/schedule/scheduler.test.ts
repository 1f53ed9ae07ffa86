import { describe, expect, test } from "bun:test";
import { ManualClock } from "../time/clock.ts";
import { ScheduleError, Scheduler } from "./scheduler.ts";

const at = (iso: string) => new Date(iso).getTime();

describe("scheduler", () => {
  test("runs the seed's schedules at their times in the configured zone, on a manual clock", async () => {
    const clock = new ManualClock("2026-11-24T00:00:00Z");
    const ran: string[] = [];
    const job = (name: string, schedule: string) => ({
      name,
      schedule,
      run: async () => void ran.push(`${name}@${new Date(clock.now()).toISOString()}`),
    });
    const s = new Scheduler(
      [
        job("daily-scan", "0 8 * * *"),
        job("morning-report", "0 7 * * *"),
        job("refresh-markets", "*/5 * * * *"),
      ],
      { timezone: "America/New_York", clock },
    );
    // 07:00 New York is 12:00 UTC in November.
    expect(s.timetable().find((t) => t.job === "morning-report")?.next).toBe(at("2026-11-24T12:00:00Z"));
    clock.set("2026-11-24T12:00:00Z");
    await s.runDue();
    clock.set("2026-11-24T13:00:00Z");
    await s.runDue();
    expect(ran.filter((r) => !r.startsWith("refresh"))).toEqual([
      "morning-report@2026-11-24T12:00:00.000Z",
      "daily-scan@2026-11-24T13:00:00.000Z",
    ]);
    s.stop();
  });

  test("missed runs collapse into one, and the next is after now", async () => {
    const clock = new ManualClock("2026-11-24T00:00:00Z");
    let runs = 0;
    const s = new Scheduler(
      [{ name: "refresh-markets", schedule: "*/5 * * * *", run: async () => void runs++ }],
      {
        timezone: "UTC",
        clock,
      },
    );
    clock.set("2026-11-24T01:00:00Z");
    await s.runDue();
    expect(runs).toBe(1);
    expect(s.nextDue()).toBe(at("2026-11-24T01:05:00Z"));
    s.stop();
  });

  test("a job never overlaps itself; a manual run while it runs is skipped", async () => {
    const clock = new ManualClock("2026-11-24T00:00:00Z");
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const s = new Scheduler([{ name: "stop-loss", schedule: "0 */2 * * *", run: () => gate }], {
      timezone: "UTC",
      clock,
    });
    const first = s.runNow("stop-loss");
    expect(await s.runNow("stop-loss")).toEqual({
      job: "stop-loss",
      status: "skipped",
      reason: "already running",
    });
    release();
    expect((await first).status).toBe("ok");
    s.stop();
  });

  test("a failing job is reported and does not stop the others", async () => {
    const clock = new ManualClock("2026-11-24T07:59:00Z");
    const s = new Scheduler(
      [
        { name: "a", schedule: "0 8 * * *", run: async () => Promise.reject(new Error("boom")) },
        { name: "b", schedule: "0 8 * * *", run: async () => "fine" },
      ],
      { timezone: "UTC", clock },
    );
    clock.set("2026-11-24T08:00:00Z");
    const results = await s.runDue();
    expect(results.map((r) => r.status)).toEqual(["failed", "ok"]);
    s.stop();
  });

  test("a standby keeps time but runs nothing", async () => {
    const clock = new ManualClock("2026-11-24T07:59:00Z");
    let runs = 0;
    const s = new Scheduler([{ name: "daily-scan", schedule: "0 8 * * *", run: async () => void runs++ }], {
      timezone: "UTC",
      clock,
      isLeader: () => false,
    });
    clock.set("2026-11-24T08:00:00Z");
    expect((await s.runDue())[0]?.status).toBe("skipped");
    expect(runs).toBe(0);
    s.stop();
  });

  test("bad schedules and unknown jobs are named", async () => {
    const clock = new ManualClock("2026-11-24T00:00:00Z");
    expect(
      () =>
        new Scheduler([{ name: "x", schedule: "61 * * * *", run: async () => {} }], {
          timezone: "UTC",
          clock,
        }),
    ).toThrow(/job x: schedule "61 \* \* \* \*" is invalid/);
    const s = new Scheduler([], { timezone: "UTC", clock });
    await expect(s.runNow("nope")).rejects.toBeInstanceOf(ScheduleError);
  });
});
