import type { Queryable } from "../db/database.ts";
import type { Series } from "../exchange/types.ts";
import { type FeeSchedule, STANDARD_FEES } from "../money/fees.ts";

/**
 * Kalshi charges by the series' fee type and multiplier. The paper broker, risk sizing and EV must
 * use the same schedule the exchange applies, so it is looked up (series via the market cache) and
 * cached; when unknown, standard taker fees apply.
 */
export class FeeDirectory {
  readonly #bySeries = new Map<string, Promise<FeeSchedule>>();
  constructor(
    readonly db: Queryable,
    readonly series: { getSeries(seriesTicker: string): Promise<Series> },
  ) {}

  async feesFor(ticker: string): Promise<FeeSchedule> {
    const [row] = await this.db.query<{ series_ticker: string }>(
      "SELECT series_ticker FROM contracts WHERE market_id = $1",
      [ticker],
    );
    const seriesTicker = row?.series_ticker;
    if (!seriesTicker) return STANDARD_FEES;
    let cached = this.#bySeries.get(seriesTicker);
    if (!cached) {
      cached = this.series.getSeries(seriesTicker).then(
        (s) => s.fees,
        () => {
          this.#bySeries.delete(seriesTicker);
          return STANDARD_FEES;
        },
      );
      this.#bySeries.set(seriesTicker, cached);
    }
    return cached;
  }
}
