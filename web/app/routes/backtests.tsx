import type { MetaFunction } from "@remix-run/node";
import { PageHeader } from "../components/page-header";
import { Panel } from "../components/panel";

export const meta: MetaFunction = () => [{ title: "Backtests · Conviction" }];

/** A placeholder until replays are recorded and exposed by the API (the replay issue wires it). */
export default function BacktestsPage() {
  return (
    <>
      <PageHeader title="Backtests" subtitle="Replays of the event log under other rules" />
      <Panel title="No backtests yet" testId="backtests-placeholder">
        <div className="flex flex-col items-center gap-3 py-10 text-center">
          <span
            aria-hidden="true"
            className="grid size-12 place-items-center rounded-full bg-zinc-800 text-xl text-zinc-300"
          >
            ⟲
          </span>
          <p className="max-w-md text-sm text-zinc-300">
            Backtests will appear here: each run's rules, its trades and its P&amp;L next to what really
            happened.
          </p>
          <p className="text-sm text-zinc-400">
            Run one from a terminal:{" "}
            <code className="rounded bg-zinc-950 px-2 py-1 font-mono text-xs text-zinc-100">
              npm run cli -- backtest
            </code>
          </p>
        </div>
      </Panel>
    </>
  );
}
