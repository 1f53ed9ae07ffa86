import type { HealthStatus, Side, TradeStatus, TradingState, TradingStatus } from "../lib/types";

const base = "inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset";

const TRADE_TONE: Record<TradeStatus, string> = {
  PROPOSED: "bg-zinc-800 text-zinc-300 ring-zinc-700",
  PENDING: "bg-sky-950 text-sky-300 ring-sky-800",
  OPEN: "bg-sky-950 text-sky-300 ring-sky-800",
  WON: "bg-emerald-950 text-emerald-300 ring-emerald-800",
  CLOSED: "bg-zinc-800 text-zinc-200 ring-zinc-600",
  LOST: "bg-rose-950 text-rose-300 ring-rose-800",
  STOPPED: "bg-amber-950 text-amber-300 ring-amber-800",
  REJECTED: "bg-zinc-900 text-zinc-400 ring-zinc-700",
  FAILED: "bg-rose-950 text-rose-300 ring-rose-800",
  VOID: "bg-zinc-900 text-zinc-400 ring-zinc-700",
};

export function TradeStatusBadge({ status }: { status: TradeStatus }) {
  return (
    <span data-testid="trade-status" data-status={status} className={`${base} ${TRADE_TONE[status]}`}>
      {status.toLowerCase()}
    </span>
  );
}

export function SideBadge({ side }: { side: Side }) {
  const tone = side === "YES" ? "text-emerald-300 ring-emerald-800" : "text-rose-300 ring-rose-800";
  return <span className={`${base} bg-transparent ${tone}`}>{side}</span>;
}

const STATE_LABEL: Record<TradingStatus, string> = {
  RUNNING: "Trading",
  PAUSED: "Paused",
  BREAKER_TRIPPED: "Breaker tripped",
};
const STATE_TONE: Record<TradingStatus, string> = {
  RUNNING: "bg-emerald-950 text-emerald-300 ring-emerald-700",
  PAUSED: "bg-amber-950 text-amber-300 ring-amber-700",
  BREAKER_TRIPPED: "bg-rose-950 text-rose-300 ring-rose-700",
};

/** The kill switch's state: tests read data-status (RUNNING, PAUSED, BREAKER_TRIPPED). */
export function TradingStateBadge({ state }: { state: Pick<TradingState, "status"> }) {
  return (
    <span
      data-testid="trading-state"
      data-status={state.status}
      className={`${base} px-2.5 py-1 text-sm ${STATE_TONE[state.status]}`}
    >
      <span aria-hidden="true" className="size-2 rounded-full bg-current" />
      {STATE_LABEL[state.status]}
    </span>
  );
}

const HEALTH_TONE: Record<HealthStatus, string> = {
  OK: "bg-emerald-950 text-emerald-300 ring-emerald-800",
  DEGRADED: "bg-amber-950 text-amber-300 ring-amber-800",
  DOWN: "bg-rose-950 text-rose-300 ring-rose-800",
};

export function HealthBadge({ status }: { status: HealthStatus }) {
  return <span className={`${base} ${HEALTH_TONE[status]}`}>{status.toLowerCase()}</span>;
}

export function ModeBadge({ mode }: { mode: "PAPER" | "LIVE" }) {
  const tone =
    mode === "LIVE" ? "bg-rose-950 text-rose-200 ring-rose-700" : "bg-zinc-800 text-zinc-300 ring-zinc-600";
  return (
    <span data-testid="trading-mode" className={`${base} ${tone}`}>
      {mode === "LIVE" ? "Live money" : "Paper"}
    </span>
  );
}

export function BoolBadge({
  value,
  yes = "configured",
  no = "not set",
}: {
  value: boolean;
  yes?: string;
  no?: string;
}) {
  return (
    <span
      className={`${base} ${value ? "bg-emerald-950 text-emerald-300 ring-emerald-800" : "bg-zinc-900 text-zinc-400 ring-zinc-700"}`}
    >
      {value ? yes : no}
    </span>
  );
}
