/** Builders for risk tests: trade rows and configuration with readable defaults. */
import type { Micros } from "../money/money.ts";
import type { RiskConfig, RiskTradeRow } from "./decide.ts";

export const $ = (dollars: number): Micros => Math.round(dollars * 1_000_000) as Micros;

export const RISK_CONFIG: RiskConfig = {
  dailyBudget: $(100),
  minOdds: $(0.85),
  maxOdds: $(0.98),
  minPositionSize: $(20),
  maxPositionSize: $(50),
  maxTradesPerDay: 3,
  timeZone: "America/New_York",
};

export function trade(overrides: Partial<RiskTradeRow> = {}): RiskTradeRow {
  return {
    id: "t-other",
    contract_id: "KXOTHER",
    status: "open",
    proposed_at: "2026-03-10T13:00:00.000Z",
    allocation: $(30),
    position_size: $(29.5),
    entry_fees: $(0.09),
    contracts_purchased: 3100,
    ...overrides,
  };
}
