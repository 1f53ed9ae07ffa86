/**
 * The lifecycle of a trade as the `trades` projection writes it (schema/002_projections.sql):
 * proposed → rejected | pending → open | failed → stopped | closed | won | lost | void.
 * Rows carry it as text, so it is parsed here once; an unknown value is kept as "unknown" and
 * treated conservatively by each caller rather than silently ignored.
 */
export type TradeStatus =
  | "proposed"
  | "rejected"
  | "pending"
  | "open"
  | "failed"
  | "stopped"
  | "closed"
  | "won"
  | "lost"
  | "void";

const KNOWN: ReadonlySet<string> = new Set<TradeStatus>([
  "proposed",
  "rejected",
  "pending",
  "open",
  "failed",
  "stopped",
  "closed",
  "won",
  "lost",
  "void",
]);

export function parseTradeStatus(text: string): TradeStatus | "unknown" {
  return KNOWN.has(text) ? (text as TradeStatus) : "unknown";
}

/** Final states with a realized P&L: settled by the exchange or sold by us. */
export function isFinished(status: TradeStatus | "unknown"): boolean {
  switch (status) {
    case "stopped":
    case "closed":
    case "won":
    case "lost":
    case "void":
      return true;
    case "proposed":
    case "rejected":
    case "pending":
    case "open":
    case "failed":
    case "unknown":
      return false;
  }
}
