import { checkAi, formatCheckAi } from "../../analyst/check-ai.ts";
import { secretValues } from "../../config/index.ts";
import { ExchangeClient } from "../../exchange/client.ts";
import { clientOptionsFrom } from "../../exchange/connect.ts";
import { redactSecrets } from "../../jobs/record-error.ts";
import { systemClock } from "../../time/clock.ts";
import { checkKalshi, type KalshiCheck } from "../check/kalshi.ts";
import { type Command, EXIT, UsageError } from "../command.ts";
import { bold, dim, green, red, yellow } from "../output.ts";

const MARK = { ok: green("✓"), failed: red("✗"), skipped: yellow("–") } as const;

export function formatKalshiCheck(c: KalshiCheck): string {
  return [
    `${bold("Kalshi")} ${dim(c.restUrl)}`,
    ...c.steps.map(
      (s) =>
        `  ${MARK[s.status]} ${s.name.padEnd(10)} ${s.status === "failed" ? red(s.detail) : s.detail}${s.status === "skipped" ? "" : dim(` (${s.latencyMs} ms)`)}`,
    ),
    c.ok ? green(bold("kalshi: ok")) : red(bold("kalshi: FAILED")),
  ].join("\n");
}

/** `check kalshi` and `check ai`: can the engine reach what it depends on, right now? */
export const checkCommand: Command = {
  name: "check",
  summary: "test the connections: `check kalshi` (auth, balance, markets, order book), `check ai`",
  usage: "check <kalshi|ai> [--json]",
  help: [
    "kalshi: exchange status, a signed balance request (when a key is configured), the open-market",
    "        listing and one order book. Places no order.",
    "ai:     one tiny Messages API request: the model that answered and its latency. Never prints the key.",
    "Exit 0 when every step passed, 1 when one failed (a skipped step is not a failure).",
  ].join("\n"),
  async run(ctx) {
    const [what, ...extra] = ctx.args;
    if ((what !== "kalshi" && what !== "ai") || extra.length)
      throw new UsageError("check what? kalshi or ai");
    const config = ctx.config();
    const secrets = secretValues(config);
    if (what === "ai") {
      const result = await checkAi(config.ai, { clock: systemClock });
      if (ctx.json) ctx.out.json(result);
      else
        ctx.out.line(result.ok ? green(formatCheckAi(result, secrets)) : red(formatCheckAi(result, secrets)));
      return result.ok ? EXIT.ok : EXIT.failed;
    }
    const client = new ExchangeClient(clientOptionsFrom(config.kalshi, { retry: { maxAttempts: 2 } }));
    const result = await checkKalshi(client, {
      clock: systemClock,
      restUrl: config.kalshi.restUrl,
      authenticated: config.kalshi.credentials !== null,
      redact: (text) => redactSecrets(text, secrets),
    });
    if (ctx.json) ctx.out.json(result);
    else ctx.out.line(formatKalshiCheck(result));
    return result.ok ? EXIT.ok : EXIT.failed;
  },
};
