import { parseArgs } from "node:util";
import type { DomainEvent } from "../../../events/codec.ts";
import { parsePosition } from "../../../events/store/types.ts";
import { openDatabase } from "../../db/open.ts";
import { type Command, EXIT, UsageError } from "../command.ts";
import { eventLine, parseTypes, tailEvents } from "../events/tail.ts";
import { bold, cyan, dim, green, red, yellow } from "../output.ts";

const COLOUR: Partial<Record<DomainEvent["type"], (t: string) => string>> = {
  TradeProposed: cyan,
  OrderFilled: green,
  Resolved: green,
  TradeRejected: yellow,
  StopTriggered: yellow,
  TradingPaused: yellow,
  CircuitBreakerTripped: red,
  OrderFailed: red,
  ErrorRecorded: red,
};

/** One line for people: time, type, stream, and the data squeezed onto the rest of the line. */
export function humanLine(e: DomainEvent, width = process.stdout.columns || 160): string {
  const time = e.metadata.occurredAt.replace("T", " ").replace("Z", "");
  const paint = COLOUR[e.type] ?? bold;
  const head = `${time}  ${e.type.padEnd(21)}  ${e.streamId}`;
  const room = Math.max(20, width - head.length - 4);
  const data = JSON.stringify(e.data);
  return `${dim(time)}  ${paint(e.type.padEnd(21))}  ${e.streamId}  ${dim(data.length > room ? `${data.slice(0, room - 1)}…` : data)}`;
}

/** `events tail`: follows the event log live. */
export const eventsCommand: Command = {
  name: "events",
  summary: "`events tail`: follow the event log live (--type filters, --json lines)",
  usage: "events tail [--type T[,T…]]… [--from-start | --after <txid:position>] [--count N] [--json]",
  help: [
    "Prints every event appended from now on, as it commits, until Ctrl-C (or --count events).",
    "--type       only these event types (repeat it or separate with commas)",
    "--from-start print the whole log first, then follow; --after starts after a log position",
    "--count N    stop after N events (exit 0)",
    "--json       one JSON object per line: position, id, type, stream, metadata and data",
    "An event that cannot be decoded stops the tail, naming it (exit 65).",
  ].join("\n"),
  async run(ctx) {
    const { values, positionals } = parseArgs({
      args: ctx.args,
      allowPositionals: true,
      strict: true,
      options: {
        type: { type: "string", multiple: true },
        "from-start": { type: "boolean" },
        after: { type: "string" },
        count: { type: "string" },
      },
    });
    if (positionals.length !== 1 || positionals[0] !== "tail")
      throw new UsageError("events what? only `events tail`");
    const count = values.count === undefined ? undefined : Number(values.count);
    if (count !== undefined && (!Number.isSafeInteger(count) || count < 1))
      throw new UsageError(`--count ${values.count}: must be a whole number of at least 1`);
    if (values["from-start"] && values.after)
      throw new UsageError("--from-start and --after exclude each other");
    let after: ReturnType<typeof parsePosition> | undefined;
    try {
      after = values.after === undefined ? undefined : parsePosition(values.after);
    } catch (error) {
      throw new UsageError(`--after: ${(error as Error).message}`);
    }
    const types = parseTypes(values.type ?? []);
    const db = await openDatabase(ctx.config().database);
    const stop = new AbortController();
    const onSignal = () => stop.abort();
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
    try {
      await tailEvents(
        db,
        (e) => (ctx.json ? ctx.out.line(JSON.stringify(eventLine(e))) : ctx.out.line(humanLine(e))),
        {
          types,
          from: values["from-start"] ? "start" : (after ?? "head"),
          count,
          signal: stop.signal,
          onError: (error) =>
            ctx.out.error(`events: reading the log failed, retrying: ${(error as Error).message}`),
          onReady: (from) => {
            if (!ctx.json && count === undefined)
              ctx.out.error(
                dim(`following the log after ${from.transactionId}:${from.globalPosition} — Ctrl-C to stop`),
              );
          },
        },
      );
      return EXIT.ok;
    } finally {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      await db.close();
    }
  },
};
