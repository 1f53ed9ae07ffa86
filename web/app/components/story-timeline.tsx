import type { ReactNode } from "react";
import { eventFacts, stagesFromEvent } from "../lib/event-facts";
import { formatDateTime, formatInt, formatProbability } from "../lib/format";
import { STEP_LABEL, splitStory, stepTone } from "../lib/story";
import type { ScanStage, StoryStep, TradeDetail } from "../lib/types";
import { EmptyState } from "./empty-state";
import { JsonView } from "./json-view";
import { MoneyText, PnlText } from "./money";

/**
 * A trade's story from the event log, top to bottom: why it was bought (observation, scan, AI
 * reasoning, risk checks), then what happened (order, fills, stop or resolution, P&L after fees).
 */
export function StoryTimeline({ trade }: { trade: TradeDetail }) {
  if (trade.story.length === 0) {
    return (
      <EmptyState title="No events for this trade yet" testId="story-empty">
        The story fills in as the engine records the trade's events.
      </EmptyState>
    );
  }
  const { why, after } = splitStory(trade.story);
  return (
    <div data-testid="story-timeline" className="flex flex-col gap-6">
      <TimelineSection title="Why it was bought" steps={why} trade={trade} testId="story-why" />
      <TimelineSection title="What happened after" steps={after} trade={trade} testId="story-after">
        {after.length === 0 ? (
          <p className="pl-6 text-sm text-zinc-400">Nothing yet: no order has been placed for this trade.</p>
        ) : null}
      </TimelineSection>
    </div>
  );
}

function TimelineSection({
  title,
  steps,
  trade,
  testId,
  children,
}: {
  title: string;
  steps: StoryStep[];
  trade: TradeDetail;
  testId: string;
  children?: ReactNode;
}) {
  return (
    <section aria-label={title} data-testid={testId}>
      <h3 className="mb-3 text-xs font-semibold uppercase tracking-wide text-zinc-400">{title}</h3>
      <ol className="relative ml-2 border-l border-zinc-800">
        {steps.map((step, i) => (
          <TimelineStep key={`${step.kind}-${step.event?.id ?? i}`} step={step} trade={trade} />
        ))}
      </ol>
      {children}
    </section>
  );
}

const DOT: Record<"good" | "bad" | "neutral", string> = {
  good: "bg-emerald-400 ring-emerald-950",
  bad: "bg-rose-400 ring-rose-950",
  neutral: "bg-sky-400 ring-sky-950",
};

function TimelineStep({ step, trade }: { step: StoryStep; trade: TradeDetail }) {
  return (
    <li data-testid="story-step" data-kind={step.kind} className="relative mb-5 pl-6 last:mb-0">
      <span
        aria-hidden="true"
        className={`absolute top-1.5 -left-[5px] size-2.5 rounded-full ring-4 ${DOT[stepTone(step.kind)]}`}
      />
      <div className="flex flex-wrap items-baseline gap-x-2">
        <h4 className="text-sm font-semibold text-zinc-100">{STEP_LABEL[step.kind]}</h4>
        <time dateTime={step.at} className="text-xs text-zinc-500">
          {formatDateTime(step.at)}
        </time>
      </div>
      <p className="mt-0.5 text-sm text-zinc-300">{step.summary}</p>
      <StepDetail step={step} trade={trade} />
      {step.event ? (
        <JsonView
          value={step.event.data}
          summary={`${step.event.type} · ${step.event.actor} · ${step.event.position}`}
        />
      ) : null}
    </li>
  );
}

/** What each kind of step adds beyond its one-line summary. */
function StepDetail({ step, trade }: { step: StoryStep; trade: TradeDetail }) {
  switch (step.kind) {
    case "SCAN":
      return <ScanStages stages={trade.decision?.scan?.stages ?? stagesFromEvent(step.event?.data)} />;
    case "ANALYSIS":
      return <AiReasoning trade={trade} />;
    case "PROPOSED":
      // The reasoning is shown once: on the analysis step, or here when the story has none.
      return trade.story.some((s) => s.kind === "ANALYSIS") ? (
        <Facts data={step.event?.data} />
      ) : (
        <AiReasoning trade={trade} />
      );
    case "RISK_PASSED":
    case "RISK_REJECTED":
      return <RiskChecks step={step} trade={trade} />;
    case "POSITION_CLOSED":
    case "RESOLVED":
      return (
        <>
          <Facts data={step.event?.data} />
          <Outcome trade={trade} />
        </>
      );
    default:
      return <Facts data={step.event?.data} />;
  }
}

function Facts({ data }: { data: unknown }) {
  const facts = eventFacts(data);
  if (facts.length === 0) return null;
  return (
    <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1 text-xs sm:grid-cols-3 lg:grid-cols-4">
      {facts.map((f) => (
        <div key={f.label} className="min-w-0">
          <dt className="text-zinc-500">{f.label}</dt>
          <dd className="truncate text-zinc-200">{f.value}</dd>
        </div>
      ))}
    </dl>
  );
}

function ScanStages({ stages }: { stages: Pick<ScanStage, "name" | "count">[] }) {
  if (stages.length === 0) return null;
  return (
    <ol className="mt-2 flex flex-wrap items-center gap-1 text-xs" aria-label="Scan stages">
      {stages.map((s, i) => (
        <li key={s.name} className="flex items-center gap-1">
          {i > 0 ? (
            <span aria-hidden="true" className="text-zinc-600">
              →
            </span>
          ) : null}
          <span className="rounded bg-zinc-800 px-1.5 py-0.5 text-zinc-200">
            {s.name} <strong className="font-semibold">{formatInt(s.count)}</strong>
          </span>
        </li>
      ))}
    </ol>
  );
}

function AiReasoning({ trade }: { trade: TradeDetail }) {
  const d = trade.decision;
  return (
    <div className="mt-2 flex flex-col gap-2" data-testid="story-reasoning">
      <blockquote className="border-l-2 border-sky-700 pl-3 text-sm text-zinc-200 italic">
        {trade.aiReasoning}
      </blockquote>
      <div className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-400">
        <span>
          Confidence <strong className="text-zinc-100">{formatProbability(trade.aiConfidence)}</strong>
        </span>
        {d ? (
          <>
            <span>
              {d.selector}
              {d.model ? ` · ${d.model}` : ""} · {d.status}
            </span>
            <span>
              {formatInt(d.inputTokens)} in / {formatInt(d.outputTokens)} out tokens ·{" "}
              <MoneyText money={d.cost} />
            </span>
            <span>{d.candidatesAnalyzed} candidates analyzed</span>
          </>
        ) : null}
      </div>
      {trade.riskFactors.length > 0 ? (
        <div>
          <p className="text-xs font-medium text-zinc-400">Risk factors</p>
          <ul className="mt-1 list-disc pl-5 text-xs text-zinc-300">
            {trade.riskFactors.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

function RiskChecks({ step, trade }: { step: StoryStep; trade: TradeDetail }) {
  const checks =
    step.checks ??
    (step.kind === "RISK_REJECTED"
      ? trade.rejectionReasons.map((r) => ({ check: r.check, passed: false, detail: r.detail }))
      : []);
  if (checks.length === 0) return null;
  return (
    <ul className="mt-2 flex flex-col gap-1 text-xs" data-testid="risk-checks">
      {checks.map((c) => (
        <li key={c.check} className="flex gap-2">
          <span aria-hidden="true" className={c.passed ? "text-emerald-400" : "text-rose-400"}>
            {c.passed ? "✓" : "✗"}
          </span>
          <span className="text-zinc-200">
            {c.check}
            <span className="sr-only">{c.passed ? " passed" : " failed"}</span>
            {c.detail ? <span className="text-zinc-500"> — {c.detail}</span> : null}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** The bottom line: realized P&L after every fee, with the fees that went into it. */
function Outcome({ trade }: { trade: TradeDetail }) {
  if (!trade.realizedPnl) return null;
  return (
    <div className="mt-3 rounded-lg border border-zinc-800 bg-zinc-950/60 p-3" data-testid="story-outcome">
      <p className="text-xs text-zinc-400">Realized P&amp;L after fees</p>
      <p className="text-lg font-semibold">
        <PnlText money={trade.realizedPnl} />
      </p>
      <p className="text-xs text-zinc-500">
        Entry fees <MoneyText money={trade.entryFees} /> · exit fees <MoneyText money={trade.exitFees} /> ·
        cost <MoneyText money={trade.entryCost} />
      </p>
    </div>
  );
}
