import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { BoolBadge, HealthBadge, ModeBadge } from "../components/badges";
import { MoneyText } from "../components/money";
import { NotificationChannelForm, notificationVariables } from "../components/notification-settings";
import { PageHeader } from "../components/page-header";
import { Panel } from "../components/panel";
import { Table, Td, Th } from "../components/table";
import { formatDateTime } from "../lib/format";
import { assertSameOrigin, gql, mutate } from "../lib/graphql.server";
import { RUN_JOB_MUTATION, SET_NOTIFICATIONS_MUTATION, SETTINGS_QUERY } from "../lib/queries";
import type { Config, Health, NotificationSettings } from "../lib/types";

export const meta: MetaFunction = () => [{ title: "Settings · Conviction" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return gql<{ config: Config; health: Health; notificationSettings: NotificationSettings[] }>(
    request,
    SETTINGS_QUERY,
  );
}

/**
 * "Run now" for a scheduled job, or one channel's notification choice. The rest of the
 * configuration is read-only: it comes from the environment.
 */
export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const form = await request.formData();
  if (form.get("intent") === "notifications") {
    const saved = await mutate(request, SET_NOTIFICATIONS_MUTATION, notificationVariables(form));
    if (!saved.ok) return data({ error: saved.error.message, saved: false }, { status: 400 });
    return { error: null, saved: true };
  }
  const name = String(form.get("job") ?? "");
  const result = await mutate<{
    runJob: { job: string; status: string; durationMs: number | null; message: string | null };
  }>(request, RUN_JOB_MUTATION, { name });
  if (!result.ok) return data({ job: name, error: result.error.message, run: null }, { status: 400 });
  return { job: name, error: null, run: result.data.runJob };
}

export default function SettingsPage() {
  const { config: c, health: h, notificationSettings } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="Settings"
        subtitle="The effective configuration, read-only (change it in the environment and restart); notification choices are set here"
        actions={<ModeBadge mode={c.trading.mode} />}
      />
      <div className="grid gap-4 lg:grid-cols-2">
        <Panel title="Health" description={h.ready ? "Ready" : "Not ready"} testId="health">
          <dl className="flex flex-col gap-2 text-sm">
            <Row label="Database">
              <HealthBadge status={h.database.status} />{" "}
              <span className="text-xs text-zinc-400">{h.database.detail}</span>
            </Row>
            <Row label="Exchange">
              <HealthBadge status={h.exchange.status} />{" "}
              <span className="text-xs text-zinc-400">{h.exchange.detail}</span>
            </Row>
            <Row label="AI">
              <HealthBadge status={h.ai.status} />{" "}
              <span className="text-xs text-zinc-400">{h.ai.detail}</span>
            </Row>
            <Row label="Projection lag">{h.projectionLag} events</Row>
            <Row label="Leader">
              {h.leader ? "this instance runs the jobs" : "another instance runs the jobs"}
            </Row>
          </dl>
        </Panel>
        <Panel title="Jobs" description={`Schedules in ${c.schedules.timezone}`}>
          <JobsTable health={h} config={c} />
        </Panel>
        <Panel title="Trading rules">
          <dl className="flex flex-col gap-2 text-sm">
            <Row label="Daily budget">
              <MoneyText money={c.trading.dailyBudget} />
            </Row>
            <Row label="Price band">
              <MoneyText money={c.trading.minOdds} /> – <MoneyText money={c.trading.maxOdds} />
            </Row>
            <Row label="Max days to resolution">{c.trading.maxDaysToResolution}</Row>
            <Row label="Min liquidity">
              <MoneyText money={c.trading.minLiquidity} />
            </Row>
            <Row label="Position size">
              <MoneyText money={c.trading.minPositionSize} /> –{" "}
              <MoneyText money={c.trading.maxPositionSize} />
            </Row>
            <Row label="Max trades per day">{c.trading.maxTradesPerDay}</Row>
            <Row label="Stop-loss below">
              <MoneyText money={c.trading.stopLossThreshold} />
            </Row>
            <Row label="Breakers">
              {c.trading.maxLossesInStreak} losses in a row · {c.trading.maxStopLosses24h} stops in 24 h
            </Row>
            <Row label="Paper starting balance">
              <MoneyText money={c.trading.paperStartingBalance} />
            </Row>
          </dl>
        </Panel>
        <Panel title="Exchange and AI">
          <dl className="flex flex-col gap-2 text-sm">
            <Row label="Kalshi">
              {c.kalshi.env} · {c.kalshi.tier} tier
            </Row>
            <Row label="REST">{c.kalshi.restUrl}</Row>
            <Row label="API key">{c.kalshi.apiKeyId ?? "not set"}</Row>
            <Row label="Private key">
              <BoolBadge value={c.kalshi.privateKeyConfigured} />
            </Row>
            <Row label="AI selection">
              {c.ai.enabled ? `${c.ai.model} via ${c.ai.keySource ?? "key"}` : "off: rules-based selector"}
            </Row>
            <Row label="AI daily cost cap">
              <MoneyText money={c.ai.dailyCostCap} />
            </Row>
            <Row label="AI timeout / retries">
              {c.ai.timeoutMs} ms · {c.ai.maxRetries}
            </Row>
          </dl>
        </Panel>
        <Panel title="Server, storage and notifications">
          <dl className="flex flex-col gap-2 text-sm">
            <Row label="Account">{c.accountId}</Row>
            <Row label="Listening on">
              {c.server.host}:{c.server.port}
            </Row>
            <Row label="Dashboard password">
              <BoolBadge value={c.server.dashboardPasswordConfigured} />
            </Row>
            <Row label="API token">
              <BoolBadge value={c.server.apiTokenConfigured} />
            </Row>
            <Row label="Database">
              {c.database.kind}
              {c.database.dataDir ? ` · ${c.database.dataDir}` : ""}
              {c.database.url ? ` · ${c.database.url}` : ""}
            </Row>
            <Row label="Time zone / log level">
              {c.timezone} · {c.logLevel}
            </Row>
            <Row label="Notifications">
              <span className="flex flex-wrap justify-end gap-1">
                <BoolBadge value={c.notify.slackConfigured} yes="Slack" no="no Slack" />
                <BoolBadge value={c.notify.discordConfigured} yes="Discord" no="no Discord" />
                <BoolBadge value={c.notify.telegramConfigured} yes="Telegram" no="no Telegram" />
                <BoolBadge value={c.notify.webhookConfigured} yes="Webhook" no="no webhook" />
              </span>
            </Row>
          </dl>
        </Panel>
        <Panel
          title="Notifications"
          description="Per channel: what to send and when to stay quiet. Breakers get through quiet hours."
          className="lg:col-span-2"
        >
          <div className="grid gap-3 lg:grid-cols-2">
            {notificationSettings.map((s) => (
              <NotificationChannelForm key={s.channel} settings={s} />
            ))}
          </div>
        </Panel>
        <Panel
          title="Variables"
          description="Where each value came from; secrets are never shown"
          className="lg:col-span-2"
        >
          <Table label="Configuration variables" testId="config-variables">
            <thead>
              <tr>
                <Th>Variable</Th>
                <Th>Source</Th>
                <Th>Value</Th>
              </tr>
            </thead>
            <tbody>
              {c.variables.map((v) => (
                <tr key={v.name}>
                  <Td className="font-mono text-xs text-zinc-200">{v.name}</Td>
                  <Td className="text-xs text-zinc-400">{v.source}</Td>
                  <Td className="font-mono text-xs text-zinc-300">{v.value ?? "—"}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </Panel>
      </div>
    </>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex items-baseline justify-between gap-4">
      <dt className="shrink-0 text-zinc-400">{label}</dt>
      <dd className="min-w-0 truncate text-right text-zinc-100">{children}</dd>
    </div>
  );
}

const SCHEDULE_KEY: Record<string, keyof Config["schedules"]> = {
  "refresh-markets": "refreshMarkets",
  "daily-scan": "dailyScan",
  "morning-report": "morningReport",
  "stop-loss": "stopLoss",
  "check-resolutions": "checkResolutions",
  "monthly-analysis": "monthlyAnalysis",
};

function JobsTable({ health, config }: { health: Health; config: Config }) {
  const jobs = health.jobs.length > 0 ? health.jobs : health.schedules.map((s) => s.job);
  return (
    <Table label="Jobs">
      <thead>
        <tr>
          <Th>Job</Th>
          <Th>Cron</Th>
          <Th>Next run</Th>
          <Th>
            <span className="sr-only">Run now</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {jobs.map((job) => {
          const schedule = health.schedules.find((s) => s.job === job);
          const key = SCHEDULE_KEY[job];
          return (
            <tr key={job}>
              <Td className="font-mono text-xs text-zinc-200">{job}</Td>
              <Td className="font-mono text-xs text-zinc-400">{key ? config.schedules[key] : "—"}</Td>
              <Td className="text-xs text-zinc-400">
                {schedule?.running ? (
                  <span className="text-sky-300">running</span>
                ) : (
                  formatDateTime(schedule?.next)
                )}
              </Td>
              <Td>
                <RunJobButton job={job} />
              </Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}

function RunJobButton({ job }: { job: string }) {
  const fetcher = useFetcher<{
    job: string;
    error: string | null;
    run: { status: string; message: string | null } | null;
  }>();
  const busy = fetcher.state !== "idle";
  const result = fetcher.data;
  return (
    <fetcher.Form method="post" className="flex items-center justify-end gap-2">
      <input type="hidden" name="job" value={job} />
      {result ? (
        <span
          role="status"
          className={`text-xs ${result.error || result.run?.status === "FAILED" ? "text-rose-300" : "text-zinc-400"}`}
        >
          {result.error ??
            (result.run
              ? `${result.run.status.toLowerCase()}${result.run.message ? `: ${result.run.message}` : ""}`
              : "")}
        </span>
      ) : null}
      <button
        type="submit"
        disabled={busy}
        aria-label={`Run ${job} now`}
        className="rounded-md border border-zinc-700 px-2.5 py-1 text-xs text-zinc-200 hover:border-zinc-500 disabled:opacity-60"
      >
        {busy ? "Running…" : "Run now"}
      </button>
    </fetcher.Form>
  );
}
