/**
 * The criteria in force, as people read them, for the CandidatesScanned event and the scan's
 * explanation. Dollar values are exact decimal strings ("0.85", "2000.00"), never floats, so the
 * record says precisely what limit was applied.
 */
import type { TradingConfig } from "../../config/config.ts";
import { exactDollars } from "../../risk/format.ts";
import { EV_REFERENCE_CONTRACTS } from "./ev.ts";

export type ScanConfig = Pick<TradingConfig, "minOdds" | "maxOdds" | "maxDaysToResolution" | "minLiquidity">;

export type Criteria = Record<string, string | number | boolean>;

export function scanCriteria(config: ScanConfig): Criteria {
  return {
    minOdds: exactDollars(config.minOdds),
    maxOdds: exactDollars(config.maxOdds),
    maxDaysToResolution: config.maxDaysToResolution,
    minLiquidity: exactDollars(config.minLiquidity),
    sides: "YES or NO, whichever side's ask is in [minOdds, maxOdds]",
    activeOnly: true,
    entryDepth: "dollars buyable on our side at <= maxOdds >= minLiquidity",
    exitDepth: "dollars sellable into our side's bids >= minLiquidity",
    evFee: `Kalshi taker fee on ${EV_REFERENCE_CONTRACTS} contracts`,
  };
}
