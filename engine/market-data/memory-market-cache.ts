/**
 * The market cache held in memory, for backtests on observations: what the `contracts` table would
 * hold after each refresh-markets run, without the database. `refresh()` is refresh-markets: the
 * same catalog diff (catalogChanges, as syncMarkets) folded through the same projection code
 * (contractsProjection.evolve) that the live engine's projector applies to the appended events.
 * So the scanner sees identical rows whichever backing a run uses; run.test.ts checks it.
 */
import type { DomainEvent } from "../../events/codec.ts";
import { type ContractRow, contractsProjection } from "../projections/contracts/projection.ts";
import type { ScanMarketRow } from "../strategy/scanner/market-row.ts";
import type { KnownMarket } from "./known-markets.ts";
import type { MarketCache, MarketCacheCounts } from "./market-cache.ts";
import { fingerprint } from "./observation.ts";
import { type CatalogSource, catalogChanges, type EventDirectory, type SyncResult } from "./sync.ts";

interface Entry {
  row: ContractRow;
  /** end_date as epoch ms, read once per observation rather than once per scan. */
  closeMs: number;
}

const byTicker = (a: ScanMarketRow, b: ScanMarketRow) =>
  a.market_id < b.market_id ? -1 : a.market_id > b.market_id ? 1 : 0;

export class MemoryMarketCache implements MarketCache {
  readonly #entries = new Map<string, Entry>();
  readonly #known = new Map<string, KnownMarket>();

  constructor(
    readonly source: CatalogSource,
    readonly directory: EventDirectory,
  ) {}

  /** refresh-markets into memory; `at` (epoch ms) stamps the observations as the log would. */
  async refresh(at: number): Promise<SyncResult> {
    const diff = await catalogChanges({ source: this.source, directory: this.directory, known: this.#known });
    const occurredAt = new Date(at).toISOString();
    for (const c of diff.changes) {
      const event = {
        type: "MarketObserved",
        data: c.data,
        metadata: { occurredAt },
      } as unknown as DomainEvent;
      const row = contractsProjection.evolve(
        this.#entries.get(c.ticker)?.row ?? null,
        event,
      ) as ContractRow | null;
      if (!row) continue;
      this.#entries.set(c.ticker, { row, closeMs: Date.parse(row.end_date) });
      this.#known.set(c.ticker, {
        fingerprint: fingerprint(c.data),
        observations: row.observations,
        resolved: row.resolved,
      });
    }
    return {
      pages: diff.pages,
      openMarkets: diff.openMarkets,
      departed: diff.departed,
      changed: diff.changes.length,
      appended: diff.changes.length,
    };
  }

  async counts(): Promise<MarketCacheCounts> {
    let active = 0;
    for (const { row } of this.#entries.values()) if (row.status === "active" && !row.resolved) active++;
    return { total: this.#entries.size, active };
  }

  async scanRows(horizon: number): Promise<ScanMarketRow[]> {
    const rows: ScanMarketRow[] = [];
    for (const { row, closeMs } of this.#entries.values()) {
      if (row.resolved || !(closeMs <= horizon)) continue;
      rows.push({
        market_id: row.market_id,
        question: row.question,
        category: row.category,
        series_ticker: row.series_ticker,
        status: row.status,
        resolved: row.resolved,
        yes_bid: row.yes_bid,
        yes_ask: row.yes_ask,
        no_bid: row.no_bid,
        no_ask: row.no_ask,
        rules: row.rules,
        end_date: row.end_date,
      });
    }
    return rows.sort(byTicker);
  }
}
