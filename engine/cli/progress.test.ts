import { expect, test } from "bun:test";
import { createProgress, estimateRemaining, formatDuration, renderProgress } from "./progress.ts";

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { isTTY, write: (t: string) => writes.push(t), writes };
}

test("ETA is the remaining work at the average rate so far", () => {
  expect(estimateRemaining(25, 100, 10_000)).toBe(30_000);
  expect(estimateRemaining(0, 100, 10_000)).toBeNull();
  expect(estimateRemaining(100, 100, 10_000)).toBe(0);
  expect(formatDuration(30_000)).toBe("30s");
  expect(formatDuration(187_000)).toBe("3m07s");
  expect(formatDuration(3_720_000)).toBe("1h02m");
});

test("a frame shows the bar, percent, counts, rate and ETA", () => {
  const text = renderProgress({ label: "replay", unit: "events", done: 250, total: 1000, elapsedMs: 5_000 });
  expect(text).toContain("replay ");
  expect(text).toContain(" 25% 250/1,000 events");
  expect(text).toContain("50 events/s");
  expect(text).toContain("ETA 15s");
  expect(renderProgress({ unit: "events", done: 10, elapsedMs: 2_000 })).toBe("10 events · 5 events/s · 2s");
});

test("draws on a terminal, throttled by the clock, and clears itself", () => {
  let t = 0;
  const stream = fakeStream(true);
  const p = createProgress({ unit: "rows", total: 10, stream, now: () => t, redrawMs: 100 });
  p.tick();
  t = 50;
  p.tick(); // throttled: 50 ms since the last frame
  t = 200;
  p.tick();
  expect(stream.writes.length).toBe(2);
  expect(stream.writes[1]).toContain("3/10 rows");
  p.done("finished");
  expect(stream.writes.at(-1)).toBe("finished\n");
  p.tick();
  expect(stream.writes.at(-1)).toBe("finished\n");
  expect(p.count).toBe(4);
});

test("writes nothing when stderr is not a terminal (pipes, CI, --json)", () => {
  const stream = fakeStream(false);
  const p = createProgress({ unit: "rows", total: 10, stream, now: () => 1_000 });
  p.tick(5);
  p.done("bye");
  expect(stream.writes).toEqual([]);
});
