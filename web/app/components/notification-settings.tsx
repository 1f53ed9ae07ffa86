import { useFetcher } from "@remix-run/react";
import type { NotificationKind, NotificationSettings } from "../lib/types";

const CHANNEL_NAMES = {
  SLACK: "Slack",
  DISCORD: "Discord",
  TELEGRAM: "Telegram",
  WEBHOOK: "JSON webhook",
} as const;
const KIND_NAMES: Record<NotificationKind, string> = {
  TRADE: "Trades placed",
  STOP_LOSS: "Stop-losses",
  RESOLUTION: "Resolutions",
  BREAKER: "Breakers and pauses",
  ERROR: "Errors",
  REPORT: "Morning and monthly reports",
};

/**
 * One channel's choice: on/off, which kinds, quiet hours. Destinations come from the environment
 * and are shown masked; a breaker (or a failed stop-loss sale) is sent even in quiet hours, the
 * rest is held back until the window ends.
 */
export function NotificationChannelForm({ settings }: { settings: NotificationSettings }) {
  const fetcher = useFetcher<{ error: string | null; saved: boolean }>();
  const s = settings;
  const name = CHANNEL_NAMES[s.channel];
  return (
    <fetcher.Form method="post" className="flex flex-col gap-2 rounded-md border border-zinc-800 p-3 text-sm">
      <input type="hidden" name="intent" value="notifications" />
      <input type="hidden" name="channel" value={s.channel} />
      <div className="flex items-baseline justify-between gap-2">
        <label className="flex items-center gap-2 font-medium text-zinc-100">
          <input type="checkbox" name="enabled" defaultChecked={s.enabled} aria-label={`${name} on`} />
          {name}
        </label>
        <span className="truncate font-mono text-xs text-zinc-400">
          {s.configured ? s.destination : "not configured (set it in the environment)"}
        </span>
      </div>
      <fieldset className="flex flex-wrap gap-x-4 gap-y-1">
        <legend className="sr-only">{name}: what to send</legend>
        {(Object.keys(KIND_NAMES) as NotificationKind[]).map((kind) => (
          <label key={kind} className="flex items-center gap-1 text-xs text-zinc-300">
            <input type="checkbox" name="kind" value={kind} defaultChecked={s.kinds.includes(kind)} />
            {KIND_NAMES[kind]}
          </label>
        ))}
      </fieldset>
      <div className="flex flex-wrap items-center gap-2 text-xs text-zinc-400">
        <span>Quiet hours ({s.timezone})</span>
        <input
          type="time"
          name="quietStart"
          defaultValue={s.quietHours?.start ?? ""}
          aria-label={`${name} quiet hours start`}
          className="rounded border border-zinc-700 bg-zinc-900 px-1 text-zinc-100"
        />
        <span>to</span>
        <input
          type="time"
          name="quietEnd"
          defaultValue={s.quietHours?.end ?? ""}
          aria-label={`${name} quiet hours end`}
          className="rounded border border-zinc-700 bg-zinc-900 px-1 text-zinc-100"
        />
        <button
          type="submit"
          disabled={fetcher.state !== "idle"}
          className="ml-auto rounded-md border border-zinc-700 px-2.5 py-1 text-xs text-zinc-200 hover:border-zinc-500 disabled:opacity-60"
        >
          {fetcher.state !== "idle" ? "Saving…" : `Save ${name}`}
        </button>
      </div>
      {fetcher.data ? (
        <span role="status" className={`text-xs ${fetcher.data.error ? "text-rose-300" : "text-zinc-400"}`}>
          {fetcher.data.error ?? "Saved."}
        </span>
      ) : null}
    </fetcher.Form>
  );
}

/** The form's fields as the mutation's variables; empty quiet-hour boxes mean no quiet hours. */
export function notificationVariables(form: FormData) {
  const start = String(form.get("quietStart") ?? "").trim();
  const end = String(form.get("quietEnd") ?? "").trim();
  return {
    channel: String(form.get("channel") ?? ""),
    enabled: form.get("enabled") === "on",
    kinds: form.getAll("kind").map(String),
    quietHours: start || end ? { start, end } : null,
  };
}
