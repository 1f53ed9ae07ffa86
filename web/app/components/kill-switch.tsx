import { useFetcher } from "@remix-run/react";
import { useAccount } from "../lib/account";
import { formatDateTime } from "../lib/format";
import type { TradingState } from "../lib/types";
import { TradingStateBadge } from "./badges";

interface ActionResult {
  intent?: string;
  error?: string;
}

/**
 * The trading state and the kill switch. Pausing needs a reason (it is recorded in the event log
 * and the API requires 1..500 characters); resuming takes an optional one. Posts to the overview
 * route's action, so it works before hydration too.
 */
export function KillSwitch({ state }: { state: TradingState }) {
  const fetcher = useFetcher<ActionResult>();
  const busy = fetcher.state !== "idle";
  const error = fetcher.data?.error;
  const running = state.status === "RUNNING";
  // The account rides along, so another engine's account is refused by the API, never paused here.
  const { to } = useAccount();
  const button =
    "inline-flex min-h-10 items-center justify-center rounded-md px-4 text-sm font-semibold disabled:cursor-wait disabled:opacity-60";

  return (
    <div data-testid="kill-switch-panel" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-2">
        <TradingStateBadge state={state} />
        {state.since ? (
          <span className="text-xs text-zinc-400">since {formatDateTime(state.since)}</span>
        ) : null}
      </div>
      {state.reason ? (
        <p className="text-sm text-zinc-300" data-testid="trading-state-reason">
          {state.breaker ? (
            <span className="font-medium text-rose-300">Breaker {state.breaker}: </span>
          ) : null}
          {state.reason}
        </p>
      ) : null}
      {state.pausedUntil ? (
        <p className="text-xs text-zinc-400">Resumes by itself at {formatDateTime(state.pausedUntil)}.</p>
      ) : null}

      <fetcher.Form
        method="post"
        action={to("/?index")}
        className="flex flex-col gap-2 sm:flex-row sm:items-end"
      >
        <input type="hidden" name="intent" value={running ? "pause" : "resume"} />
        <div className="flex min-w-0 flex-1 flex-col gap-1">
          <label htmlFor="trading-reason" className="text-xs font-medium text-zinc-400">
            {running ? "Reason for pausing" : "Reason for resuming (optional)"}
          </label>
          <input
            id="trading-reason"
            name="reason"
            data-testid={running ? "pause-reason" : "resume-reason"}
            required={running}
            maxLength={500}
            placeholder={running ? "e.g. exchange outage, reviewing losses" : "e.g. reviewed, all clear"}
            className="min-h-10 rounded-md border border-zinc-700 bg-zinc-950 px-3 text-sm text-zinc-100 placeholder:text-zinc-600"
          />
        </div>
        <button
          type="submit"
          data-testid="kill-switch"
          data-action={running ? "pause" : "resume"}
          disabled={busy}
          className={
            running
              ? `${button} bg-rose-600 text-white hover:bg-rose-500`
              : `${button} bg-emerald-600 text-white hover:bg-emerald-500`
          }
        >
          {busy ? (running ? "Pausing…" : "Resuming…") : running ? "Pause trading" : "Resume trading"}
        </button>
      </fetcher.Form>
      {error ? (
        <p role="alert" className="text-sm text-rose-300">
          {error}
        </p>
      ) : null}
    </div>
  );
}
