/** Builders for risk tests: trade rows and configuration with readable defaults. */
import type { Micros } from "../money/money.ts";
import { decide, type RiskCheckResult, type RiskConfig, type RiskTradeRow } from "./decide.ts";

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

/**
 * Checks as risk really records them, for tests that write TradeProposed / TradeRejected by hand:
 * run through decide() itself, so the values are what the engine would have stored.
 * `approvedChecks()` passes everything; `budgetRejectedChecks()` fails only the daily budget.
 */
const CHECKS_AT = Date.parse("2026-03-10T16:00:00Z");
const checksFor = (trades: RiskTradeRow[]) =>
  decide(
    { tradeId: "t-new", ticker: "KXNEW", side: "yes", allocation: $(50), price: $(0.95) },
    { balance: $(500), trades, tradingState: null },
    RISK_CONFIG,
    CHECKS_AT,
  ).checks;

export const approvedChecks = (): RiskCheckResult[] => checksFor([]);

export const budgetRejectedChecks = (): RiskCheckResult[] =>
  checksFor([trade({ id: "a", contract_id: "A" }), trade({ id: "b", contract_id: "B", allocation: $(30) })]);
