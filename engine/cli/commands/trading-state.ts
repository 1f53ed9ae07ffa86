import { type Command, EXIT, UsageError } from "../command.ts";
import { green, yellow } from "../output.ts";
import { withEngine } from "../with-engine.ts";

/** `pause [reason]`: the kill switch. Trading stays off until `resume`. */
export const pauseCommand: Command = {
  name: "pause",
  summary: "stop trading now (the kill switch) until resumed",
  usage: "pause [reason…] [--json]",
  async run(ctx) {
    const reason = ctx.args.join(" ") || "paused from the command line";
    await withEngine(ctx, (engine) => engine.control.pauseTrading(reason));
    if (ctx.json) ctx.out.json({ state: "paused", reason });
    else ctx.out.line(`${yellow("■")} trading paused: ${reason}`);
    return EXIT.ok;
  },
};

export const resumeCommand: Command = {
  name: "resume",
  summary: "resume trading after a pause or a circuit breaker",
  usage: "resume [reason…] [--json]",
  async run(ctx) {
    const reason = ctx.args.join(" ") || "resumed from the command line";
    await withEngine(ctx, (engine) => engine.control.resumeTrading(reason));
    if (ctx.json) ctx.out.json({ state: "running", reason });
    else ctx.out.line(`${green("▶")} trading resumed`);
    return EXIT.ok;
  },
};

export const closeCommand: Command = {
  name: "close",
  summary: "sell an open position now (reduce-only IOC)",
  usage: "close <trade-id> [--json]",
  async run(ctx) {
    const [tradeId] = ctx.args;
    if (!tradeId) throw new UsageError("which trade?");
    const trade = await withEngine(ctx, (engine) => engine.control.closePosition(tradeId), {
      needsLeadership: true,
    });
    if (ctx.json) ctx.out.json(trade);
    else if (!trade) ctx.out.line(`no trade ${tradeId}`);
    else ctx.out.line(`${trade.id}: ${trade.status}${trade.pnl !== null ? `, P&L ${trade.pnl / 1e6}` : ""}`);
    return trade ? EXIT.ok : EXIT.failed;
  },
};
