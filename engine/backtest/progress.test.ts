import { expect, test } from "bun:test";
import { progressBar, renderBar } from "./progress.ts";

test("the bar shows the share done and the time left at the rate so far", () => {
  expect(renderBar(0.25, 10, "2026-03-02")).toBe(`[#######${"-".repeat(21)}]  25% 2026-03-02 · ETA 30s`);
  expect(renderBar(0.5, 120, "x")).toContain("ETA 2m00s");
  expect(renderBar(0, 5, "x")).toContain("ETA ?");
});

test("nothing is written when stderr is not a terminal", () => {
  const written: string[] = [];
  const stream = { isTTY: false, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream;
  const bar = progressBar(stream);
  bar.update(0.5, "half");
  bar.done();
  expect(written).toEqual([]);
});
