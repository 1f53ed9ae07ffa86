import { loadAiSpent, loadTradeHistory } from "../analyst/context/history.ts";
import { selectionLimits } from "../analyst/limits.ts";
import type { AnalysisResult, Candidate } from "../analyst/types.ts";
import type { BookLevel } from "../exchange/types.ts";
import { contractsMarketCache } from "../market-data/market-cache.ts";
import { buildScan, type ScanOutput } from "../strategy/scanner/scan.ts";
import { scanTier1 } from "../strategy/scanner/tier1.ts";
import { scanTier2 } from "../strategy/scanner/tier2.ts";
import { deterministicId } from "../time/random.ts";
import type { TradingDeps } from "./deps.ts";
import { availableBalance, executeProposal, type ProposalOutcome } from "./execute-proposal.ts";
import { todaysCommitment } from "./todays-commitment.ts";

export interface ScanRun {
  scanId: string;
  scan: ScanOutput;
  analysis: AnalysisResult;
  outcomes: ProposalOutcome[];
  dryRun: boolean;
}

const DAY_MS = 86_400_000;

const levels = (l: readonly BookLevel[]) => l.map((x) => ({ price: x.price, size: x.size }));

/** Only the scan: the seed's qualifying-contracts check (`scan --explain`), recorded as CandidatesScanned. */
export async function scanOnly(
  deps: TradingDeps,
  options: { record?: boolean; correlationId?: string } = {},
) {
  await deps.projector.catchUp();
  const now = deps.clock.now();
  const scanId = deps.ids.next();
  // The market cache: the `contracts` projection live; a backtest may hold the same rows in memory.
  const cache = deps.marketCache ?? contractsMarketCache(deps.db);
  const counts = await cache.counts();
  // Rows the scanner may keep: unresolved and closing inside the window, ordered (see MarketCache).
  const rows = await cache.scanRows(now + deps.config.trading.maxDaysToResolution * DAY_MS);
  const tier1 = scanTier1(rows, deps.config.trading, now);
  // The cache already dropped resolved and far-off markets; give the first two stages their true counts,
  // so the funnel reads the same as a scan of the whole cache.
  const [all, active] = tier1.stages;
  if (all) all.count = counts.total;
  if (active) active.count = counts.active;
  const books = await deps.market.getOrderBooks(tier1.survivors.map((s) => s.row.market_id));
  const tier2 = scanTier2(tier1.survivors, books, deps.config.trading, now);
  const scan = buildScan(scanId, deps.config.trading, tier1, tier2);
  if (options.record !== false) {
    // The books tier 2 judged, first: a backtest on the log alone judges the same depth.
    const observed = {
      scanId,
      observedAt: new Date(now).toISOString(),
      books: tier1.survivors.flatMap((s) => {
        const b = books.get(s.row.market_id);
        return b ? [{ ticker: s.row.market_id, yesBids: levels(b.yesBids), noBids: levels(b.noBids) }] : [];
      }),
    };
    await deps.store.append(
      `scan-${scanId}`,
      [
        { type: "BooksObserved", id: deterministicId("BooksObserved", scanId), data: observed },
        { type: "CandidatesScanned", id: scanId, data: scan.event },
      ],
      { correlationId: options.correlationId ?? scanId },
    );
  }
  return { scanId, scan };
}

/**
 * daily-scan: scan → selector (AI or rules, with the track record) → risk → orders. A dry run
 * stops after the selector and records nothing (the seed's AI test; `analyze --dry-run`).
 */
export async function runScan(deps: TradingDeps, options: { dryRun?: boolean } = {}): Promise<ScanRun> {
  const dryRun = options.dryRun ?? false;
  const { scanId, scan } = await scanOnly(deps, { record: !dryRun });
  const now = deps.clock.now();
  const accountId = deps.config.accountId;
  const today = await todaysCommitment(deps.db, accountId, now, deps.config.timezone);
  const analysisId = deps.ids.next();
  const candidates: Candidate[] = scan.event.candidates;
  const analysis = await deps.selector.select({
    analysisId,
    scanId,
    candidates,
    history: await loadTradeHistory(deps.db, accountId),
    bankroll: await availableBalance(deps),
    limits: selectionLimits(deps.config.trading, { committed: today.committed, trades: today.trades }),
    aiSpentToday: await loadAiSpent(deps.db, accountId, today.dayStart, today.dayEnd),
  });
  if (dryRun) return { scanId, scan, analysis, outcomes: [], dryRun };

  await deps.store.append(
    `analysis-${analysisId}`,
    [{ type: "AnalysisCompleted", id: analysisId, data: analysis }],
    {
      correlationId: scanId,
      causationId: scanId,
    },
  );
  const outcomes: ProposalOutcome[] = [];
  for (const selection of analysis.selections) {
    const candidate = candidates.find((c) => c.ticker === selection.ticker && c.side === selection.side);
    if (!candidate) continue; // the guard already refuses this; belt and braces
    outcomes.push(
      await executeProposal(deps, { selection, candidate, analysisId, scanId, correlationId: analysisId }),
    );
  }
  await deps.projector.catchUp();
  return { scanId, scan, analysis, outcomes, dryRun };
}
