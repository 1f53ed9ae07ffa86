import { expect, test } from "bun:test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseGrid } from "./grid.ts";
import { writeObservations } from "./sources/file-source.ts";
import type { Observation } from "./sources/types.ts";
import { runSweep, splitPoint } from "./sweep.ts";
import { observation } from "./testing.ts";

const DAY = 86_400_000;
const FROM = Date.parse("2026-03-02T00:00:00Z");
const TO = FROM + 4 * DAY;

/** Each day: a 95¢ favourite that wins, and a 91¢ one that dips to 83¢ at 14:00 and still wins. */
function days(): Observation[] {
  const out: Observation[] = [];
  for (let d = 0; d < 4; d++) {
    const day = FROM + d * DAY;
    const close = day + 20 * 3_600_000;
    out.push(
      observation(`SAFE-D${d}`, day - 3_600_000, close, { yesBid: 950_000, yesAsk: 955_000 }),
      observation(`DIP-D${d}`, day - 3_600_000, close, { yesBid: 910_000, yesAsk: 915_000 }),
      observation(`DIP-D${d}`, day + 14 * 3_600_000, close, { yesBid: 830_000, yesAsk: 840_000 }),
      observation(`SAFE-D${d}`, close + 3_600_000, close, {
        yesBid: 0,
        yesAsk: 1_000_000,
        status: "finalized",
        result: "yes",
      }),
      observation(`DIP-D${d}`, close + 3_600_000, close, {
        yesBid: 0,
        yesAsk: 1_000_000,
        status: "finalized",
        result: "yes",
      }),
    );
  }
  return out.sort((a, b) => a.at - b.at);
}

test("grids are exact decimals", () => {
  expect(parseGrid("MIN_ODDS=0.85:0.95:0.05,STOP_LOSS_THRESHOLD=0.7:0.8:0.1")).toEqual([
    { MIN_ODDS: "0.85", STOP_LOSS_THRESHOLD: "0.7" },
    { MIN_ODDS: "0.85", STOP_LOSS_THRESHOLD: "0.8" },
    { MIN_ODDS: "0.90", STOP_LOSS_THRESHOLD: "0.7" },
    { MIN_ODDS: "0.90", STOP_LOSS_THRESHOLD: "0.8" },
    { MIN_ODDS: "0.95", STOP_LOSS_THRESHOLD: "0.7" },
    { MIN_ODDS: "0.95", STOP_LOSS_THRESHOLD: "0.8" },
  ]);
  expect(parseGrid("MIN_ODDS=0.85:0.95:0.01")).toHaveLength(11);
  expect(() => parseGrid("MIN_ODDS=0.9:0.8:0.01")).toThrow(/MIN_ODDS/);
  expect(splitPoint(FROM, TO, 0.7)).toBe(FROM + 3 * DAY);
});

test("a 2×2 sweep runs in worker processes, ranked in-sample, reported out-of-sample", async () => {
  const path = join(mkdtempSync(join(tmpdir(), "sweep-test-")), "observations.jsonl");
  await writeObservations(
    path,
    (async function* () {
      yield days();
    })(),
  );
  const result = await runSweep({
    from: FROM,
    to: TO,
    source: { kind: "file", path },
    selector: "rules",
    env: { TZ: "UTC" },
    base: { MIN_LIQUIDITY: "500" },
    cells: parseGrid("MIN_ODDS=0.90:0.93:0.03,STOP_LOSS_THRESHOLD=0.80:0.85:0.05"),
    workers: 2,
  });
  expect(result.split).toBe(new Date(FROM + 3 * DAY).toISOString());
  expect(result.cells.map((c) => c.rank)).toEqual([1, 2, 3, 4]);
  const pnl = result.cells.map((c) => c.inSample.pnlMicros);
  expect([...pnl].sort((a, b) => b - a)).toEqual(pnl);
  const cell = (minOdds: string, stop: string) => {
    const c = result.cells.find(
      (x) => x.parameters.MIN_ODDS === minOdds && x.parameters.STOP_LOSS_THRESHOLD === stop,
    );
    if (!c) throw new Error(`no cell ${minOdds}/${stop}`);
    return c;
  };
  // MIN_ODDS 0.93 never buys the 91¢ market; 0.90 buys it, and a 0.85 stop sells its dip at a loss.
  expect(cell("0.93", "0.80").inSample.stopped).toBe(0);
  expect(cell("0.90", "0.85").inSample.stopped).toBeGreaterThan(0);
  expect(cell("0.90", "0.80").inSample.stopped).toBe(0);
  expect(cell("0.90", "0.80").inSample.trades).toBeGreaterThan(cell("0.93", "0.80").inSample.trades);
  expect(result.cells[0]?.parameters).toEqual({
    MIN_LIQUIDITY: "500",
    MIN_ODDS: "0.90",
    STOP_LOSS_THRESHOLD: "0.80",
  });
  // Out-of-sample is its own window: the last day only.
  for (const c of result.cells) {
    expect(c.outOfSample.from).toBe(result.split);
    expect(c.outOfSample.trades).toBeGreaterThan(0);
  }
}, 60_000);
