import type { DomainEvent } from "../../events/codec.ts";
import { formatContracts } from "../api/money.ts";
import type { Centis, Micros } from "../money/money.ts";
import { notional } from "../money/money.ts";
import { money, signedMoney } from "./format-money.ts";
import type { Notification } from "./notification.ts";

/** Event types that can become a notification: the notifier reads only these from the log. */
export const NOTIFYING_EVENT_TYPES = [
  "OrderPlaced",
  "PositionClosed",
  "Resolved",
  "CircuitBreakerTripped",
  "TradingPaused",
  "TradingResumed",
  "ErrorRecorded",
  "OrderFailed",
  "ReportGenerated",
] as const;

/**
 * Errors about notifying are recorded under these sources. They are never notified themselves:
 * with two channels down, each one's failure would otherwise be sent to the other, forever.
 */
export const NOTIFY_ERROR_SOURCE_PREFIX = "notify:";

const side = (s: "yes" | "no") => s.toUpperCase();

/** The message for one event, or null when the event is not something anyone is told about. */
export function notificationFrom(event: DomainEvent): Notification | null {
  const base = {
    eventId: event.id,
    eventType: event.type,
    occurredAt: event.metadata.occurredAt,
    accountId: event.metadata.accountId,
  };
  switch (event.type) {
    case "OrderPlaced": {
      const d = event.data;
      // Only entries: a stop-loss or manual sale is told by its PositionClosed, with the P&L.
      if (d.purpose !== "entry") return null;
      const maxCost = notional(d.limitPrice as Micros, d.count as Centis, "up");
      return {
        ...base,
        kind: "trade",
        severity: "info",
        title: `Trade placed: ${d.ticker}`,
        text: `Buying ${formatContracts(d.count)} ${side(d.side)} at up to ${money(d.limitPrice)} each (${d.mode}).`,
        fields: [
          { label: "Market", value: d.ticker },
          { label: "Side", value: side(d.side) },
          { label: "Contracts", value: formatContracts(d.count) },
          { label: "Limit price", value: money(d.limitPrice) },
          { label: "Cost at limit", value: money(maxCost) },
          { label: "Mode", value: d.mode },
          { label: "Trade", value: d.tradeId },
        ],
      };
    }
    case "PositionClosed": {
      const d = event.data;
      const stop = d.reason === "stop_loss";
      return {
        ...base,
        kind: stop ? "stop_loss" : "trade",
        severity: stop ? "warning" : "info",
        title: `${stop ? "Stop-loss" : "Position closed"}: ${d.ticker}`,
        text: `Sold ${formatContracts(d.contracts)} ${side(d.side)} at ${money(d.exitPrice)}; realized ${signedMoney(d.realizedPnl)} after fees.`,
        fields: [
          { label: "Market", value: d.ticker },
          { label: "Side", value: side(d.side) },
          { label: "Contracts", value: formatContracts(d.contracts) },
          { label: "Exit price", value: money(d.exitPrice) },
          { label: "Entry cost", value: money(d.entryCost) },
          { label: "Proceeds", value: money(d.proceeds) },
          { label: "Fees", value: money(d.fees) },
          { label: "Realized P&L", value: signedMoney(d.realizedPnl) },
          { label: "Trade", value: d.tradeId },
        ],
      };
    }
    case "Resolved": {
      const d = event.data;
      const word = d.outcome === "won" ? "Won" : d.outcome === "lost" ? "Lost" : "Void";
      return {
        ...base,
        kind: "resolution",
        severity: d.outcome === "won" ? "success" : d.outcome === "lost" ? "warning" : "info",
        title: `${word}: ${d.ticker}`,
        text: `${d.ticker} settled ${d.marketResult.toUpperCase()}; our ${side(d.side)} position ${d.outcome === "void" ? "was voided" : d.outcome}, realized ${signedMoney(d.realizedPnl)}.`,
        fields: [
          { label: "Market", value: d.ticker },
          { label: "Side", value: side(d.side) },
          { label: "Contracts", value: formatContracts(d.contracts) },
          { label: "Entry cost", value: money(d.entryCost) },
          { label: "Payout", value: money(d.payout) },
          { label: "Fees", value: money(d.fees) },
          { label: "Realized P&L", value: signedMoney(d.realizedPnl) },
          { label: "Trade", value: d.tradeId },
        ],
      };
    }
    case "CircuitBreakerTripped": {
      const d = event.data;
      return {
        ...base,
        kind: "breaker",
        severity: "critical",
        title: "Circuit breaker tripped: trading halted",
        text: d.detail,
        fields: [
          { label: "Breaker", value: d.breaker === "loss_streak" ? "losing streak" : "stop-losses in 24 h" },
          { label: "Halted until", value: d.pausedUntil ?? "resumed by hand" },
        ],
      };
    }
    case "TradingPaused":
      return {
        ...base,
        kind: "breaker",
        severity: "warning",
        title: "Trading paused",
        text: event.data.reason,
        fields: [{ label: "Paused until", value: event.data.pausedUntil ?? "resumed by hand" }],
      };
    case "TradingResumed":
      return {
        ...base,
        kind: "breaker",
        severity: "info",
        title: "Trading resumed",
        text: event.data.reason || "Resumed.",
        fields: [],
      };
    case "ErrorRecorded": {
      const d = event.data;
      if (d.source.startsWith(NOTIFY_ERROR_SOURCE_PREFIX)) return null;
      return {
        ...base,
        kind: "error",
        severity: "warning",
        title: `Error in ${d.source}`,
        text: d.message,
        fields: [{ label: "Error id", value: d.errorId }],
      };
    }
    case "OrderFailed": {
      const d = event.data;
      // A stop-loss sale that failed leaves a losing position open: someone must look now.
      const stop = d.purpose === "stop_loss";
      return {
        ...base,
        kind: "error",
        severity: stop ? "critical" : "warning",
        title: `${stop ? "Stop-loss sale failed" : "Order failed"}: ${d.ticker}`,
        text: d.reason,
        fields: [
          { label: "Market", value: d.ticker },
          { label: "Side", value: side(d.side) },
          { label: "Purpose", value: d.purpose.replace("_", " ") },
          { label: "Trade", value: d.tradeId },
        ],
      };
    }
    case "ReportGenerated": {
      const d = event.data;
      // The issue asks for the morning and monthly reports; the end-of-day report stays on the dashboard.
      if (d.kind === "daily") return null;
      return {
        ...base,
        kind: "report",
        severity: "info",
        title: `${d.kind === "morning" ? "Morning report" : "Monthly report"} ${d.period}`,
        text: d.summary,
        fields: [],
      };
    }
    default:
      return null;
  }
}
