import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import {
  type CreatedWindow,
  chainsFor,
  inWindow,
  mergeConcurrent,
  pageAlignedWindows,
  windowsFromSample,
} from "./catalog-partitions.ts";

const sortedTimes = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0, max: 2_000_000_000_000 }),
      // Clusters: many markets created in the same second, or a millisecond apart.
      fc.constantFrom(1_767_225_600_000, 1_767_225_600_999, 1_767_225_601_000),
    ),
    { maxLength: 400 },
  )
  .map((xs) => xs.sort((a, b) => a - b));

/** Every time in `probe` lies in exactly one window. */
function expectPartition(windows: readonly CreatedWindow[], probe: readonly number[]) {
  for (const t of probe) expect(windows.filter((w) => inWindow(w, t)).length).toBe(1);
}

describe("created-time windows", () => {
  test("quantile windows cover every created time exactly once, whatever the sample", () => {
    fc.assert(
      fc.property(sortedTimes, fc.integer({ min: 1, max: 8 }), fc.array(fc.integer()), (sample, k, extra) => {
        const w = windowsFromSample(sample, k);
        expect(w.length).toBeGreaterThanOrEqual(1);
        expect(w.length).toBeLessThanOrEqual(k);
        expectPartition(w, [...sample, ...extra, -1, Number.MAX_SAFE_INTEGER]);
      }),
    );
  });

  test("page-aligned windows also partition, and each but the last fits its pages even widened", () => {
    fc.assert(
      fc.property(
        sortedTimes,
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 50 }),
        fc.array(fc.integer()),
        (sample, k, pageSize, extra) => {
          const widen = 2_000;
          const w = pageAlignedWindows(sample, k, pageSize, widen);
          expectPartition(w, [...sample, ...extra]);
          const perChain = Math.ceil(Math.ceil(sample.length / pageSize) / k) * pageSize;
          for (const win of w.slice(0, -1)) {
            const served = sample.filter(
              (t) =>
                (win.from === undefined || t >= win.from - widen) &&
                (win.until === undefined || t < win.until + widen),
            );
            expect(served.length).toBeLessThanOrEqual(perChain);
          }
        },
      ),
    );
  });

  test("a catalog of 47,837 markets in 4 chains of 1000-market pages needs no extra page", () => {
    const sample = Array.from({ length: 47_837 }, (_, i) => 1_700_000_000_000 + i * 7_919);
    const w = pageAlignedWindows(sample, 4, 1000, 2_000);
    const sizes = w.map((win) => sample.filter((t) => inWindow(win, t)).length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(47_837);
    expect(sizes.reduce((a, n) => a + Math.ceil(n / 1000), 0)).toBe(48);
  });

  test("chains: one for a small listing, at most the cap for a large one", () => {
    expect(chainsFor(2, 6, 4)).toBe(1);
    expect(chainsFor(7, 6, 4)).toBe(2);
    expect(chainsFor(48, 6, 4)).toBe(4);
  });
});

describe("mergeConcurrent", () => {
  async function* source(name: string, n: number, delayMs: number) {
    for (let i = 0; i < n; i++) {
      await Bun.sleep(delayMs);
      yield `${name}${i}`;
    }
  }

  test("yields every item of every source once, interleaved as they arrive", async () => {
    const got: string[] = [];
    for await (const x of mergeConcurrent([source("a", 5, 1), source("b", 3, 2), source("c", 0, 0)]))
      got.push(x);
    expect(got.sort()).toEqual(["a0", "a1", "a2", "a3", "a4", "b0", "b1", "b2"]);
  });

  test("a failing source fails the merge and closes the others", async () => {
    let closed = false;
    async function* endless() {
      try {
        for (;;) {
          await Bun.sleep(1);
          yield "x";
        }
      } finally {
        closed = true;
      }
    }
    async function* failing() {
      await Bun.sleep(5);
      yield "y";
      throw new Error("boom");
    }
    const run = async () => {
      for await (const _ of mergeConcurrent([endless(), failing()])) {
        // drain
      }
    };
    await expect(run()).rejects.toThrow("boom");
    await Bun.sleep(5);
    expect(closed).toBe(true);
  });
});
