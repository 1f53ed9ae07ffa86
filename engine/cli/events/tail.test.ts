import { afterAll, beforeAll, expect, test } from "bun:test";
import type { DomainEvent } from "../../../events/codec.ts";
import { EventStore } from "../../../events/event-store.ts";
import { appendToStream } from "../../../events/store/append.ts";
import { createTestDatabase, type TestDatabase } from "../../../test/db.ts";
import { rawEvent } from "../../../test/support/events.ts";
import { buildScenario } from "../../../test/support/scenario.ts";
import { AUDIT_START, appendScript, auditScript } from "../../audit/testing.ts";
import { ManualClock } from "../../time/clock.ts";
import { seededIds } from "../../time/random.ts";
import { EXIT } from "../command.ts";
import { cli, cliTestDatabase } from "../testing.ts";
import { eventLine, parseTypes, tailEvents } from "./tail.ts";

let t: TestDatabase;
let store: EventStore;
const clock = new ManualClock(AUDIT_START);
beforeAll(async () => {
  t = await createTestDatabase();
  store = new EventStore(t.db, { clock, ids: seededIds(21), accountId: "acct", actor: "engine" });
  // History from before the tail starts: it must not be shown.
  await appendScript(store, clock, auditScript());
});
afterAll(() => t.drop());

test("follows what is appended while it runs, filtered by type, and stops after N events", async () => {
  const seen: DomainEvent[] = [];
  const appended = buildScenario([
    { kind: "error", source: "GET /markets" },
    { kind: "observe", ticker: "KXFED-26DEC-H0", yes: 900_000, status: "active" },
    { kind: "scan", count: 2 },
    { kind: "observe", ticker: "KXFED-26DEC-H0", yes: 910_000, status: "active" },
    { kind: "error", source: "ai" },
    { kind: "observe", ticker: "KXFED-26DEC-H0", yes: 920_000, status: "active" },
    { kind: "observe", ticker: "KXFED-26DEC-H0", yes: 930_000, status: "active" },
  ]);
  let appending: Promise<void> = Promise.resolve();
  const written = await tailEvents(t.db, (e) => seen.push(e), {
    types: parseTypes(["MarketObserved,ErrorRecorded"]),
    count: 4,
    pollIntervalMs: 20,
    // Append only once the tail listens, one step at a time, as an engine would.
    onReady: () => {
      appending = (async () => {
        for (const step of appended) await store.append(step.stream, step.events);
      })();
    },
  });
  await appending;
  expect(written).toBe(4);
  expect(seen.map((e) => e.type)).toEqual([
    "ErrorRecorded",
    "MarketObserved",
    "MarketObserved",
    "ErrorRecorded",
  ]);
  expect(seen.map((e) => (e.type === "MarketObserved" ? e.data.yesAsk : e.type))).toEqual([
    "ErrorRecorded",
    900_000,
    910_000,
    "ErrorRecorded",
  ]);
  expect(eventLine(seen[1] as DomainEvent)).toMatchObject({
    type: "MarketObserved",
    stream: "market-KXFED-26DEC-H0",
  });
});

test("an abort stops an idle tail; an unknown --type is a usage error", async () => {
  const stop = new AbortController();
  const done = tailEvents(t.db, () => {}, {
    signal: stop.signal,
    pollIntervalMs: 20,
    onReady: () => stop.abort(),
  });
  expect(await done).toBe(0);
  expect(() => parseTypes(["MarketObserved", "NoSuchThing"])).toThrow('unknown event type "NoSuchThing"');
});

test("on the command line: --from-start --count --json lines, and a bad event stops it (exit 65)", async () => {
  const target = await cliTestDatabase();
  try {
    const db = await target.open();
    const s = new EventStore(db, {
      clock: new ManualClock(AUDIT_START),
      ids: seededIds(22),
      accountId: "acct",
      actor: "engine",
    });
    await appendScript(s, new ManualClock(AUDIT_START), auditScript());
    await db.close();

    const r = await cli(
      ["events", "tail", "--from-start", "--type", "TradeProposed", "--count", "2", "--json"],
      target.env,
    );
    expect(r.code).toBe(EXIT.ok);
    const lines = r.stdout.split("\n").map((l) => JSON.parse(l));
    expect(lines.map((l) => l.type)).toEqual(["TradeProposed", "TradeProposed"]);
    expect(lines[0].position).toMatch(/^\d+:\d+$/);

    const human = await cli(["events", "tail", "--from-start", "--count", "1"], target.env);
    expect(human.stdout).toContain("MarketObserved");

    const again = await target.open();
    const bad = rawEvent(0, { type: "NoSuchThing" });
    await appendToStream(again, "broken", [bad]);
    await again.close();
    const broken = await cli(["events", "tail", "--from-start", "--type", "NoSuchThing"], target.env);
    expect(broken.code).toBe(EXIT.usage); // the filter itself is refused: the catalog has no such type
    const stopped = await cli(["events", "tail", "--from-start"], target.env);
    expect(stopped.code).toBe(EXIT.badLog);
    expect(stopped.stderr).toContain(bad.id);
    expect((await cli(["events", "head"], target.env)).code).toBe(EXIT.usage);
  } finally {
    await target.drop();
  }
});
