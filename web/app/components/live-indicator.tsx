import type { LiveStatus } from "../lib/live";

const TEXT: Record<LiveStatus, string> = {
  live: "Live",
  connecting: "Connecting…",
  offline: "Offline",
};
const DOT: Record<LiveStatus, string> = {
  live: "bg-emerald-400",
  connecting: "bg-amber-400 animate-pulse",
  offline: "bg-zinc-500",
};

/** Whether the page is following the engine's live updates. */
export function LiveIndicator({ status }: { status: LiveStatus }) {
  return (
    <span
      data-testid="live-status"
      data-status={status}
      className="inline-flex items-center gap-1.5 text-xs text-zinc-400"
      title={
        status === "live"
          ? "Updates as the engine records events"
          : "Live updates paused; reload for fresh data"
      }
    >
      <span aria-hidden="true" className={`size-2 rounded-full ${DOT[status]}`} />
      <span aria-live="polite">{TEXT[status]}</span>
    </span>
  );
}
