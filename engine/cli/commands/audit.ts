import { parseArgs } from "node:util";
import type { AuditChain } from "../../audit/chain.ts";
import { auditTrade } from "../../audit/read.ts";
import { openDatabase } from "../../db/open.ts";
import { cents, exactDollars, percent, signedUsd, usd } from "../../risk/format.ts";
import { type Command, EXIT, UsageError } from "../command.ts";
import { bold, cyan, dim, green, red, table, yellow } from "../output.ts";
import { createProgress } from "../progress.ts";

const contracts = (centis: number) => (centis / 100).toLocaleString("en-US", { maximumFractionDigits: 2 });
const price = (micros: number | null) => (micros === null ? "—" : cents(micros));

function marketLines(title: string, m: AuditChain["marketAtDecision"]): string[] {
  if (!m) return [`${bold(title)}  ${dim("no observation of this market in the log")}`];
  return [
    `${bold(title)}  ${dim(`${m.occurredAt} · event at ${m.position}`)}`,
    `  ${m.ticker} · ${m.title} · ${m.category} · ${m.status}${m.result ? ` · result ${m.result}` : ""}`,
    `  YES bid ${price(m.yesBid)} / ask ${price(m.yesAsk)} · NO bid ${price(m.noBid)} / ask ${price(m.noAsk)} · last ${price(m.lastPrice)}`,
    `  volume ${contracts(m.volume)} · open interest ${contracts(m.openInterest)} · closes ${m.closeTime}`,
  ];
}

/** A check's values as `name=value` pairs; money (integer micros) shown exactly in dollars. */
function values(v: Record<string, string | number | boolean | null>): string {
  const money = /balance|exposure|needed|allocation|fee|committed|remaining|budget|size|price|odds/i;
  return Object.entries(v)
    .filter(([, x]) => x !== "" && x !== null)
    .map(([k, x]) => `${k}=${typeof x === "number" && money.test(k) ? `$${exactDollars(x)}` : String(x)}`)
    .join(" ");
}

/** Risk's verdict and every check it ran, each with what it observed and the limit. */
function riskLines(r: AuditChain["risk"]): string[] {
  if (r.verdict === "pending") return [`${bold("Risk")}  ${yellow("no verdict recorded yet")}`];
  const lines = [
    `${bold("Risk")}  ${r.verdict === "rejected" ? red("rejected") : green("approved")}` +
      (r.checks
        ? dim(`  ${r.checks.filter((c) => c.passed).length} of ${r.checks.length} checks passed`)
        : ""),
  ];
  if (!r.checks) {
    if (r.verdict === "rejected")
      for (const x of r.reasons) lines.push(`  ${red("✗")} ${x.check}: ${x.detail}`);
    lines.push(
      dim(
        r.verdict === "rejected"
          ? "  the other checks were not recorded (event written before risk recorded every check)"
          : "  checks not recorded (event written before risk recorded every check)",
      ),
    );
    return lines;
  }
  for (const c of r.checks) {
    lines.push(`  ${c.passed ? green("✓") : red("✗")} ${c.check}: ${c.detail}`);
    lines.push(dim(`      observed ${values(c.observed)} · limit ${values(c.limit)}`));
  }
  return lines;
}

/** The chain as people read it: one section per link, in causal order. */
export function formatAudit(c: AuditChain): string {
  const p = c.proposal;
  const lines: string[] = [
    `${bold(`Trade ${c.tradeId}`)}  ${p.ticker} ${p.side.toUpperCase()} · ${p.title}`,
    dim(`  account ${c.accountId} · correlation ${c.correlationId} · proposed ${p.occurredAt}`),
    "",
    ...marketLines("Market as observed before the decision", c.marketAtDecision),
    "",
  ];
  if (c.scan) {
    lines.push(`${bold("Scan")} ${c.scan.scanId}  ${dim(c.scan.occurredAt)}`);
    lines.push(
      `  ${c.scan.stages.map((s) => `${s.name} ${s.count}`).join(" → ")} → ${c.scan.candidates} candidates`,
    );
    lines.push(
      dim(
        `  criteria: ${Object.entries(c.scan.criteria)
          .map(([k, v]) => `${k}=${String(v)}`)
          .join(" ")}`,
      ),
    );
    const cand = c.scan.candidate;
    if (cand)
      lines.push(
        `  this market: ${cand.side.toUpperCase()} at ${cents(cand.price)}, ${cand.hoursToClose.toFixed(1)} h to close, entry depth ${usd(cand.entryDepth)}, EV/$ ${cand.evPerDollarAfterFees.toFixed(4)}`,
      );
  } else
    lines.push(
      `${bold("Scan")}  ${dim(p.scanId ? `scan ${p.scanId} not in the log` : "none (not from a scan)")}`,
    );
  lines.push("");
  const a = c.analysis;
  if (a) {
    lines.push(
      `${bold("Selector")} ${a.selector} (${a.status})${a.model ? ` · ${a.model}` : ""} · prompt ${a.promptVersion ?? "n/a"}${a.promptHash ? dim(` #${a.promptHash}`) : ""}  ${dim(a.occurredAt)}`,
    );
    lines.push(
      `  stated probability ${a.statedProbability === null ? "none" : percent(a.statedProbability)} · confidence ${a.confidence === null ? "n/a" : a.confidence.toFixed(2)} · ${a.picks} of ${a.candidatesAnalyzed} picked · ${a.inputTokens}+${a.outputTokens} tokens, $${exactDollars(a.cost)}`,
    );
    lines.push(`  ${cyan("reasoning:")} ${a.reasoning ?? p.reasoning}`);
    const risks = a.riskFactors.length ? a.riskFactors : p.riskFactors;
    if (risks.length) lines.push(`  ${cyan("risk factors:")} ${risks.join("; ")}`);
    if (a.strategyNotes) lines.push(dim(`  notes: ${a.strategyNotes}`));
  } else {
    lines.push(
      `${bold("Selector")}  ${dim(p.analysisId ? `analysis ${p.analysisId} not in the log` : "none")}`,
    );
    lines.push(`  reasoning: ${p.reasoning} · confidence ${p.confidence.toFixed(2)}`);
  }
  lines.push("");
  lines.push(
    `${bold("Proposal")}  ${usd(p.allocation)} at up to ${cents(p.limitPrice)} · closes ${p.closeTime}`,
  );
  lines.push(...riskLines(c.risk));
  if (c.orders.length) {
    lines.push("");
    lines.push(bold("Orders and fills"));
    const rows: string[][] = [];
    for (const o of c.orders) {
      rows.push([
        `${o.action} ${o.purpose}`,
        o.orderId ?? "—",
        contracts(o.count),
        price(o.limitPrice),
        o.failure ? red(`failed: ${o.failure}`) : `${o.fills.length} fill${o.fills.length === 1 ? "" : "s"}`,
        o.occurredAt,
      ]);
      const book = o.bookWalked;
      if (book)
        rows.push([
          dim("  book walked"),
          dim(
            `${book.bids.toUpperCase()} bids, ${book.levels.length} level${book.levels.length === 1 ? "" : "s"}`,
          ),
          contracts(book.levels.reduce((n, l) => n + l.size, 0)),
          book.levels[0] ? `best ${cents(book.levels[0].price)}` : "empty",
          "",
          book.observedAt,
        ]);
      for (const f of o.fills)
        rows.push([
          dim("  fill"),
          dim(f.fillId),
          contracts(f.count),
          cents(f.price),
          `fee ${usd(f.fee)}`,
          f.filledAt,
        ]);
    }
    lines.push(table(["order", "id", "contracts", "price", "result", "at"], rows));
  }
  if (c.stop) {
    lines.push("");
    lines.push(
      `${bold("Stop-loss")}  ${yellow("triggered")} at ${cents(c.stop.triggerPrice)} (threshold ${cents(c.stop.threshold)}, ${c.stop.source})  ${dim(c.stop.occurredAt)}`,
    );
  }
  lines.push("");
  const o = c.outcome;
  const outcome =
    o.kind === "resolved"
      ? `settled ${o.marketResult.toUpperCase()}: ${o.outcome === "won" ? green("won") : o.outcome === "lost" ? red("lost") : "void"}, payout ${usd(o.payout)} (${o.settledAt})`
      : o.kind === "closed"
        ? `sold (${o.reason.replace("_", "-")}) at ${cents(o.exitPrice)} for ${usd(o.proceeds)}`
        : o.kind === "open"
          ? `open: ${contracts(o.contracts)} contracts held`
          : o.kind === "failed"
            ? red(`entry failed: ${o.reason}`)
            : "never traded (refused by risk)";
  lines.push(`${bold("Outcome")}  ${outcome}`);
  if (c.pnl) {
    const pnl = signedUsd(c.pnl.realizedPnl);
    lines.push(
      `${bold("P&L after fees")}  ${c.pnl.realizedPnl >= 0 ? green(bold(pnl)) : red(bold(pnl))}  ${dim(`entry cost ${usd(c.pnl.entryCost)} · fees ${usd(c.pnl.feesPaid)}`)}`,
    );
  }
  lines.push("");
  lines.push(...marketLines("Market now (latest observation)", c.marketLatest));
  lines.push("");
  lines.push(dim(`${c.events.length} events in the chain; the whole log was read and every event decoded.`));
  return lines.join("\n");
}

/** `audit <trade-id>`: a trade's full causal chain, read from the event log. */
export const auditCommand: Command = {
  name: "audit",
  summary: "a trade's full causal chain from the event log: market, scan, AI, risk, orders, outcome, P&L",
  usage: "audit <trade-id> [--json]",
  help: [
    "Reads the whole event log (not the tables) and decodes every event, so an unknown event type or",
    "an event failing its schema anywhere stops the audit, naming the event (exit 65).",
    "--json prints the chain as one document; amounts are integer micros, counts hundredths of a contract.",
    "Exit codes: 0 found, 1 no such trade, 2 bad usage, 65 invalid event log, 78 invalid configuration.",
  ].join("\n"),
  async run(ctx) {
    const { positionals } = parseArgs({ args: ctx.args, options: {}, allowPositionals: true, strict: true });
    const [tradeId, extra] = positionals;
    if (!tradeId || extra) throw new UsageError("which trade? give exactly one trade id");
    const db = await openDatabase(ctx.config().database);
    try {
      const progress = ctx.json ? null : createProgress({ unit: "events", label: "reading the log" });
      const chain = await auditTrade(db, tradeId, {
        onTotal: (n) => progress?.setTotal(n),
        onPage: (n) => progress?.tick(n),
      });
      progress?.done();
      if (!chain) {
        if (ctx.json) ctx.out.json({ tradeId, found: false });
        else ctx.out.error(`no trade ${tradeId} in the event log`);
        return EXIT.failed;
      }
      if (ctx.json) ctx.out.json(chain);
      else ctx.out.line(formatAudit(chain));
      return EXIT.ok;
    } finally {
      await db.close();
    }
  },
};
