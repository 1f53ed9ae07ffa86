import { type Centis, divRound, type Micros, notional } from "../../money/money.ts";
import { defineProjection } from "../projection.ts";

export interface TradeRow extends Record<string, unknown> {
  id: string;
  account_id: string;
  contract_id: string;
  title: string;
  category: string;
  series_ticker: string;
  side: string;
  status: string;
  proposed_at: string;
  executed_at: string | null;
  allocation: number;
  limit_price: number;
  entry_odds: number | null;
  position_size: number;
  entry_fees: number;
  contracts_purchased: number;
  exit_odds: number | null;
  exit_proceeds: number;
  exit_fees: number;
  contracts_sold: number;
  pnl: number | null;
  ai_confidence: number;
  ai_reasoning: string;
  risk_factors: string[];
  rejection_reasons: { check: string; detail: string }[];
  analysis_id: string | null;
  scan_id: string | null;
  client_order_id: string | null;
  order_id: string | null;
  close_time: string;
  stop_triggered_at: string | null;
  resolved_at: string | null;
  correlation_id: string;
}

/** Average price per contract, exact to the micro (half-up). */
const averagePrice = (cost: number, contracts: number): number | null =>
  contracts > 0 ? Number(divRound(BigInt(cost) * 100n, BigInt(contracts), "half-up")) : null;

/** One row per trade, from proposal to resolution: the seed's `trades`. */
export const tradesProjection = defineProjection<TradeRow>({
  name: "trades",
  version: 1,
  table: "trades",
  primaryKey: ["id"],
  handles: [
    "TradeProposed",
    "TradeRejected",
    "OrderPlaced",
    "OrderFilled",
    "OrderFailed",
    "StopTriggered",
    "PositionClosed",
    "Resolved",
  ],
  keyOf(e) {
    switch (e.type) {
      case "TradeProposed":
      case "TradeRejected":
      case "OrderPlaced":
      case "OrderFilled":
      case "OrderFailed":
      case "StopTriggered":
      case "PositionClosed":
      case "Resolved":
        return [e.data.tradeId];
      default:
        return null;
    }
  },
  evolve(row, event) {
    const at = event.metadata.occurredAt;
    if (event.type === "TradeProposed") {
      const d = event.data;
      return {
        id: d.tradeId,
        account_id: event.metadata.accountId,
        contract_id: d.ticker,
        title: d.title,
        category: d.category,
        series_ticker: d.seriesTicker,
        side: d.side,
        status: "proposed",
        proposed_at: at,
        executed_at: null,
        allocation: d.allocation,
        limit_price: d.limitPrice,
        entry_odds: null,
        position_size: 0,
        entry_fees: 0,
        contracts_purchased: 0,
        exit_odds: null,
        exit_proceeds: 0,
        exit_fees: 0,
        contracts_sold: 0,
        pnl: null,
        ai_confidence: d.confidence,
        ai_reasoning: d.reasoning,
        risk_factors: d.riskFactors,
        rejection_reasons: [],
        analysis_id: d.analysisId,
        scan_id: d.scanId,
        client_order_id: null,
        order_id: null,
        close_time: d.closeTime,
        stop_triggered_at: null,
        resolved_at: null,
        correlation_id: event.metadata.correlationId,
      };
    }
    // Every later event belongs to a proposed trade; without one there is nothing to update.
    if (!row) return null;
    switch (event.type) {
      case "TradeRejected":
        return { ...row, status: "rejected", rejection_reasons: event.data.reasons };
      case "OrderPlaced":
        if (event.data.purpose !== "entry") return row;
        return {
          ...row,
          status: row.status === "proposed" ? "pending" : row.status,
          client_order_id: event.data.clientOrderId,
          order_id: event.data.orderId,
        };
      case "OrderFilled": {
        const d = event.data;
        const cost = notional(d.price as Micros, d.count as Centis);
        if (d.action === "buy") {
          const size = row.position_size + cost;
          const contracts = row.contracts_purchased + d.count;
          return {
            ...row,
            status: ["proposed", "pending", "failed"].includes(row.status) ? "open" : row.status,
            executed_at: row.executed_at ?? d.filledAt,
            position_size: size,
            entry_fees: row.entry_fees + d.fee,
            contracts_purchased: contracts,
            entry_odds: averagePrice(size, contracts),
          };
        }
        const proceeds = row.exit_proceeds + cost;
        const sold = row.contracts_sold + d.count;
        return {
          ...row,
          exit_proceeds: proceeds,
          exit_fees: row.exit_fees + d.fee,
          contracts_sold: sold,
          exit_odds: averagePrice(proceeds, sold),
        };
      }
      case "OrderFailed":
        if (event.data.purpose !== "entry" || row.contracts_purchased > 0) return row;
        return { ...row, status: "failed", order_id: event.data.orderId ?? row.order_id };
      case "StopTriggered":
        return { ...row, stop_triggered_at: row.stop_triggered_at ?? at };
      case "PositionClosed":
        return {
          ...row,
          status: event.data.reason === "stop_loss" ? "stopped" : "closed",
          pnl: event.data.realizedPnl,
          resolved_at: at,
        };
      case "Resolved":
        return {
          ...row,
          status: event.data.outcome,
          pnl: event.data.realizedPnl,
          resolved_at: event.data.settledAt,
        };
      default:
        return row;
    }
  },
});
