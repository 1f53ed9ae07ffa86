import { join } from "node:path";
import { parseArgs } from "node:util";
import { secretValues } from "../../config/index.ts";
import { ExchangeClient } from "../../exchange/client.ts";
import { clientOptionsFrom } from "../../exchange/connect.ts";
import { importFromFiles } from "../../history/from-files.ts";
import { type ImportResult, importHistory } from "../../history/import.ts";
import type { CandlePeriod } from "../../history/observations.ts";
import { HistoryFormatError } from "../../history/read.ts";
import { HistoryDirError } from "../../history/store.ts";
import { redactSecrets } from "../../jobs/record-error.ts";
import { type Command, EXIT, UsageError } from "../command.ts";
import { dim, green, red, yellow } from "../output.ts";
import { createProgress } from "../progress.ts";

const PERIODS = ["1", "60", "1440"];

/** `import-history`: Kalshi history for backtests (engine/history/README.md). */
export const importHistoryCommand: Command = {
  name: "import-history",
  summary: "import settled Kalshi markets (historical endpoints or saved responses) for backtests",
  usage:
    "import-history [--out DIR] [--series S | --event E | --tickers A,B] [--max-markets N] [--period 1|60|1440] [--no-trades] [--from-files DIR] [--json]",
  help: [
    "Fetches GET /historical/markets, then each market's candlesticks and trades, within the",
    "account tier's rate limits. Interrupted (Ctrl-C)? Run the same command again: it resumes,",
    "skipping every market already imported, and never writes one twice.",
    "--out DIR         where to write (default DATA_DIR/history); format in engine/history/README.md",
    "--from-files DIR  read responses saved from those endpoints instead of asking Kalshi",
    "--period          candle minutes: 1, 60 (default) or 1440",
    "Exit 0 complete, 1 interrupted or failed (rerun to resume), 2 bad usage, 65 unreadable saved files.",
  ].join("\n"),
  async run(ctx) {
    const { values } = parseArgs({
      args: ctx.args,
      strict: true,
      options: {
        out: { type: "string" },
        series: { type: "string" },
        event: { type: "string" },
        tickers: { type: "string" },
        "max-markets": { type: "string" },
        period: { type: "string" },
        "no-trades": { type: "boolean" },
        "from-files": { type: "string" },
      },
    });
    if (values.period !== undefined && !PERIODS.includes(values.period))
      throw new UsageError(`--period ${values.period}: must be 1, 60 or 1440`);
    const period = Number(values.period ?? 60) as CandlePeriod;
    const max = values["max-markets"] === undefined ? undefined : Number(values["max-markets"]);
    if (max !== undefined && (!Number.isSafeInteger(max) || max < 1))
      throw new UsageError(`--max-markets ${values["max-markets"]}: must be a whole number of at least 1`);
    const config = ctx.config();
    const dir = values.out ?? join(config.dataDir, "history");
    const started = performance.now();
    let result: ImportResult;
    try {
      if (values["from-files"]) {
        if (values.series || values.event || values.tickers || max !== undefined)
          throw new UsageError("--from-files imports every saved market: no filters with it");
        result = importFromFiles(values["from-files"], { dir, period });
      } else {
        const client = new ExchangeClient(clientOptionsFrom(config.kalshi));
        const stop = new AbortController();
        const onSignal = () => {
          ctx.out.error("stopping after the market in progress… (run again to resume)");
          stop.abort();
        };
        process.once("SIGINT", onSignal);
        const progress = ctx.json ? null : createProgress({ unit: "markets", label: "import", total: max });
        try {
          result = await importHistory(client, {
            dir,
            filter: {
              seriesTicker: values.series,
              eventTicker: values.event,
              tickers: values.tickers?.split(",").filter(Boolean),
            },
            maxMarkets: max,
            period,
            trades: !values["no-trades"],
            signal: stop.signal,
            onMarket: (p) => progress?.update(p.done),
          });
        } finally {
          progress?.done();
          process.off("SIGINT", onSignal);
        }
      }
    } catch (error) {
      if (error instanceof HistoryDirError) throw new UsageError(error.message);
      if (error instanceof HistoryFormatError) {
        ctx.out.error(`import-history failed: ${error.message}`);
        return EXIT.badLog;
      }
      throw new Error(redactSecrets((error as Error).message, secretValues(config)));
    }
    const seconds = (performance.now() - started) / 1000;
    if (ctx.json) ctx.out.json({ dir, ...result, seconds });
    else {
      const what = `${result.written} markets written (${result.observations.toLocaleString("en-US")} observations, ${result.trades.toLocaleString("en-US")} trades), ${result.skipped} already there`;
      ctx.out.line(
        result.complete
          ? `${green("✓")} ${what} in ${seconds.toFixed(1)} s → ${dir}`
          : `${yellow("■")} interrupted: ${what}. ${red("Run the same command again to resume.")}`,
      );
      ctx.out.line(
        dim("read it with readHistory(dir) (engine/history/read.ts); format in engine/history/README.md"),
      );
    }
    return result.complete ? EXIT.ok : EXIT.failed;
  },
};
