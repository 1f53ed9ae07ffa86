import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RunningSimulator } from "../../simulator/index.ts";
import { startTestSimulator } from "../../simulator/testing/harness.ts";
import { ExchangeClient } from "../exchange/client.ts";
import type { RequestRecord } from "../exchange/transport.ts";
import { MARKETS_DIR } from "./format.ts";
import { importFromFiles } from "./from-files.ts";
import { importHistory } from "./import.ts";
import { HistoryFormatError, readHistory, readHistoryMarkets, readMarketFile } from "./read.ts";
import { HistoryDirError } from "./store.ts";

let sim: RunningSimulator;
const root = mkdtempSync(join(tmpdir(), "conviction-history-"));
const MARKETS = 6;

function client(requests: RequestRecord[] = []) {
  return new ExchangeClient({ restUrl: sim.baseUrl, tier: "basic", onRequest: (r) => requests.push(r) });
}

/** Every market file of an import, by name: what two imports must agree on byte for byte. */
function contents(dir: string): Record<string, string> {
  const markets = join(dir, MARKETS_DIR);
  return Object.fromEntries(readdirSync(markets).map((n) => [n, readFileSync(join(markets, n), "utf8")]));
}

let fresh: string;
beforeAll(async () => {
  sim = await startTestSimulator();
  fresh = join(root, "fresh");
  const r = await importHistory(client(), { dir: fresh, maxMarkets: MARKETS, pageSize: 4 });
  expect(r).toMatchObject({ written: MARKETS, skipped: 0, complete: true });
});
afterAll(async () => {
  await sim.stop();
  rmSync(root, { recursive: true, force: true });
});

test("an interrupted import resumes where it stopped: nothing twice, the same files as one run", async () => {
  const dir = join(root, "resumed");
  const stop = new AbortController();
  const first = await importHistory(client(), {
    dir,
    maxMarkets: MARKETS,
    pageSize: 4,
    signal: stop.signal,
    onMarket: (p) => {
      if (p.done === 3) stop.abort();
    },
  });
  expect(first).toMatchObject({ written: 3, complete: false });
  expect(Object.keys(contents(dir))).toHaveLength(3);
  // A crash mid-write leaves a partial file: the resume discards it.
  writeFileSync(join(dir, MARKETS_DIR, "HALF.jsonl.partial"), "{");

  const requests: RequestRecord[] = [];
  const second = await importHistory(client(requests), { dir, maxMarkets: MARKETS, pageSize: 4 });
  expect(second).toMatchObject({ written: 3, skipped: 3, complete: true });
  // Only the three missing markets were fetched again.
  const candles = requests.filter((r) => r.endpoint === "GET /historical/markets/{ticker}/candlesticks");
  expect(candles.filter((r) => r.status === 200)).toHaveLength(3);
  expect(contents(dir)).toEqual(contents(fresh));

  // A finished import is not redone; other options on the same directory are refused.
  expect(await importHistory(client(), { dir, maxMarkets: MARKETS, pageSize: 4 })).toMatchObject({
    written: 0,
    complete: true,
  });
  await expect(importHistory(client(), { dir, maxMarkets: MARKETS, period: 1440 })).rejects.toBeInstanceOf(
    HistoryDirError,
  );
});

test("readHistory: time-ordered observations in integer micros, each (market, instant) once, settlement last", async () => {
  const seen = new Set<string>();
  let previous = Number.NEGATIVE_INFINITY;
  let count = 0;
  const finals = new Map<string, string>();
  for await (const o of readHistory(fresh)) {
    expect(o.at).toBeGreaterThanOrEqual(previous);
    previous = o.at;
    const key = `${o.data.ticker}@${o.at}`;
    expect(seen.has(key)).toBe(false);
    seen.add(key);
    for (const p of [o.data.yesBid, o.data.yesAsk, o.data.noBid, o.data.noAsk, o.data.lastPrice])
      if (p !== null) expect(Number.isSafeInteger(p) && p >= 0 && p <= 1_000_000).toBe(true);
    if (o.data.status === "finalized") finals.set(o.data.ticker, o.data.result);
    count++;
  }
  const markets = readHistoryMarkets(fresh);
  expect(markets).toHaveLength(MARKETS);
  expect(count).toBeGreaterThan(MARKETS * 10);
  // Every market ends with its settlement, carrying the exchange's result.
  for (const m of markets) {
    expect(finals.get(m.ticker)).toBe(m.result);
    expect(m.seriesTicker).not.toBe("");
    const file = readMarketFile(join(fresh, MARKETS_DIR, `${encodeURIComponent(m.ticker)}.jsonl`));
    expect(file.observations.at(-1)?.data.status).toBe("finalized");
    expect(file.trades.length).toBeGreaterThan(0);
  }
});

test("--from-files: responses saved from the same endpoints give the same import", async () => {
  const saved = join(root, "saved");
  mkdirSync(saved, { recursive: true });
  // Saved by hand, as a user would: a plain fetch that waits out the exchange's rate limit.
  const get = async (path: string) => {
    for (let attempt = 0; ; attempt++) {
      const r = await fetch(`${sim.baseUrl}${path}`);
      if (r.status === 429 && attempt < 100) {
        await Bun.sleep(50);
        continue;
      }
      expect(r.status).toBe(200);
      return r.json() as Promise<Record<string, unknown>>;
    }
  };
  const list = await get(`/historical/markets?limit=${MARKETS}`);
  writeFileSync(join(saved, "markets-page-1.json"), JSON.stringify(list));
  for (const m of list.markets as {
    ticker: string;
    event_ticker: string;
    open_time: string;
    close_time: string;
    settlement_ts: string;
  }[]) {
    const start = Math.floor(Date.parse(m.open_time) / 1000);
    const end = Math.ceil(Math.max(Date.parse(m.close_time), Date.parse(m.settlement_ts)) / 1000);
    const candles = await get(
      `/historical/markets/${m.ticker}/candlesticks?start_ts=${start}&end_ts=${end}&period_interval=60`,
    );
    // Saved without its ticker field: the file name says which market it is.
    delete candles.ticker;
    writeFileSync(join(saved, `${m.ticker}.candlesticks.json`), JSON.stringify(candles));
    let cursor = "";
    let page = 0;
    do {
      const trades = await get(
        `/historical/trades?ticker=${m.ticker}&limit=1000${cursor ? `&cursor=${cursor}` : ""}`,
      );
      writeFileSync(join(saved, `${m.ticker}.trades.${page++}.json`), JSON.stringify(trades));
      cursor = String(trades.cursor ?? "");
    } while (cursor);
    writeFileSync(
      join(saved, `${m.event_ticker}.event.json`),
      JSON.stringify(await get(`/events/${m.event_ticker}`)),
    );
  }
  const dir = join(root, "from-files");
  const r = importFromFiles(saved, { dir });
  expect(r).toMatchObject({ written: MARKETS, complete: true });
  expect(contents(dir)).toEqual(contents(fresh));

  writeFileSync(join(saved, "junk.json"), JSON.stringify({ hello: "world" }));
  expect(() => importFromFiles(saved, { dir: join(root, "junk") })).toThrow(HistoryFormatError);
  expect(() => importFromFiles(saved, { dir: join(root, "junk") })).toThrow("junk.json");
});
