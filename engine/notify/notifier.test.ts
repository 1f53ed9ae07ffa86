// biome-ignore-all lint/suspicious/noExplicitAny: request bodies are read field by field; their shape is what the tests assert.
import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from "bun:test";
import { EventStore, type PendingEvent } from "../../events/event-store.ts";
import { headPosition } from "../../events/store/read.ts";
import { comparePositions, type LogPosition, START_OF_LOG } from "../../events/store/types.ts";
import { createTestDatabase, type TestDatabase } from "../../test/db.ts";
import { loadConfig } from "../config/index.ts";
import { createLogger } from "../log.ts";
import { allProjections } from "../projections/index.ts";
import { Projector } from "../projections/projector.ts";
import { ManualClock } from "../time/clock.ts";
import { seededIds } from "../time/random.ts";
import { CHANNELS } from "./notification.ts";
import { Notifier } from "./notifier.ts";
import { loadCheckpoint } from "./store.ts";
import { targetsFrom } from "./targets.ts";

const ACCOUNT = "acct-notify";
const TOKEN = "123456:SECRET-telegram-token";
const CHAT = "-100987654321";

/** A local receiver: records every POST; `script[path]` lists the statuses to answer in turn. */
interface Received {
  path: string;
  body: any;
}
let server: ReturnType<typeof Bun.serve>;
let received: Received[] = [];
let script: Record<string, (number | "hang")[]> = {};
const hanging: (() => void)[] = [];

beforeAll(() => {
  server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    async fetch(req) {
      const path = new URL(req.url).pathname;
      const body = await req.json();
      const next = script[path]?.shift() ?? 200;
      if (next === "hang") {
        await new Promise<void>((resolve) => hanging.push(resolve));
        return new Response("late", { status: 503 });
      }
      if (next === 200) received.push({ path, body });
      return new Response(next === 200 ? "ok" : `{"error":"nope ${next}"}`, { status: next });
    },
  });
});
afterAll(() => server.stop(true));

const base = () => `http://127.0.0.1:${server.port}`;
const SLACK = "/slack/T000/B000/SECRETslack";
const DISCORD = "/discord/api/webhooks/1/SECRETdiscord";
const TELEGRAM = `/tg/bot${TOKEN}/sendMessage`;
const HOOK = "/hook/SECRETwebhook";

function config() {
  return loadConfig({
    ACCOUNT_ID: ACCOUNT,
    TZ: "America/New_York",
    LOG_LEVEL: "fatal",
    NOTIFY_SLACK_WEBHOOK_URL: base() + SLACK,
    NOTIFY_DISCORD_WEBHOOK_URL: base() + DISCORD,
    NOTIFY_TELEGRAM_BOT_TOKEN: TOKEN,
    NOTIFY_TELEGRAM_CHAT_ID: CHAT,
    NOTIFY_TELEGRAM_API_URL: `${base()}/tg`,
    NOTIFY_WEBHOOK_URL: base() + HOOK,
  });
}

let t: TestDatabase;
let clock: ManualClock;
let store: EventStore;
let logLines: string[];
let delays: number[];
let notifier: Notifier | null;

beforeEach(async () => {
  t = await createTestDatabase();
  // 08:00 in New York.
  clock = new ManualClock("2026-11-24T13:00:00.000Z");
  store = new EventStore(t.db, { clock, ids: seededIds(7), accountId: ACCOUNT, actor: "engine" });
  received = [];
  script = {};
  logLines = [];
  delays = [];
  notifier = null;
  lastAppended = START_OF_LOG;
});
afterEach(async () => {
  for (const release of hanging.splice(0)) release();
  await notifier?.stop();
  await t.drop();
});

async function startNotifier() {
  // Start from a known point: everything appended so far is readable.
  await until("the log's head", async () => {
    const head = await headPosition(t.db);
    return comparePositions(head ?? START_OF_LOG, lastAppended) >= 0;
  });
  const c = config();
  const n = new Notifier({
    db: t.db,
    store: new EventStore(t.db, { clock, ids: seededIds(99), accountId: ACCOUNT, actor: "system" }),
    timezone: c.timezone,
    targets: targetsFrom(c.notify),
    secrets: [],
    log: createLogger({ level: "info", write: (line) => logLines.push(line) }),
    sleep: async (ms) => {
      delays.push(ms);
    },
    retry: { maxAttempts: 4, baseDelayMs: 1000, maxDelayMs: 60_000 },
    pollIntervalMs: 20,
    releaseIntervalMs: 0,
  });
  await n.start();
  notifier = n;
  return n;
}

let lastAppended: LogPosition = START_OF_LOG;
async function append(stream: string, events: PendingEvent[]) {
  const result = await store.append(stream, events);
  lastAppended = result.positions.at(-1) ?? lastAppended;
  return result;
}

/**
 * Bounded wait for real I/O. On PostgreSQL an event is readable only once every older transaction
 * in the cluster has finished (events/store/read.ts), and other test files share the cluster, so
 * "caught up" alone can come a moment before the last append is visible.
 */
async function until(what: string, done: () => Promise<boolean>) {
  const deadline = Date.now() + 10_000;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(10);
  }
}

/** Every channel has dealt with everything appended so far. */
async function settle(n: Notifier | null) {
  await until("the notifier to catch up", async () => {
    await n?.caughtUp();
    for (const channel of CHANNELS) {
      const at = await loadCheckpoint(t.db, ACCOUNT, channel);
      if (!at || comparePositions(at, lastAppended) < 0) return false;
    }
    return true;
  });
}
const project = () => new Projector(t.db, allProjections).catchUp();
const bodiesAt = (path: string) => received.filter((r) => r.path === path).map((r) => r.body);

const PLACED: PendingEvent = {
  type: "OrderPlaced",
  data: {
    tradeId: "trade-1",
    clientOrderId: "c-1",
    orderId: "o-1",
    ticker: "KXHIGHNY-26NOV24-T50",
    side: "yes",
    action: "buy",
    purpose: "entry",
    count: 2100,
    limitPrice: 953_500,
    timeInForce: "immediate_or_cancel",
    mode: "paper",
  },
};
const RESOLVED: PendingEvent = {
  type: "Resolved",
  data: {
    tradeId: "trade-1",
    ticker: "KXHIGHNY-26NOV24-T50",
    side: "yes",
    marketResult: "yes",
    outcome: "won",
    contracts: 2100,
    entryCost: 20_373_500,
    payout: 21_000_000,
    fees: 0,
    realizedPnl: 626_500,
    settledAt: "2026-11-24T13:00:00.000Z",
  },
};
const BREAKER: PendingEvent = {
  type: "CircuitBreakerTripped",
  data: { breaker: "loss_streak", detail: "5 losses in a row", pausedUntil: null },
};

test("a trade placed reaches every channel in its own native format, money exact from micros", async () => {
  await startNotifier();
  await append("trade-1", [PLACED]);
  await settle(notifier);
  const [placed] = await store.readStream("trade-1");
  const occurredAt = "2026-11-24T13:00:00.000Z";
  const fields = [
    ["Market", "KXHIGHNY-26NOV24-T50"],
    ["Side", "YES"],
    ["Contracts", "21.00"],
    ["Limit price", "$0.9535"],
    ["Cost at limit", "$20.0235"],
    ["Mode", "paper"],
    ["Trade", "trade-1"],
  ];
  const text = "Buying 21.00 YES at up to $0.9535 each (paper).";
  expect(bodiesAt(SLACK)).toEqual([
    {
      text: `Trade placed: KXHIGHNY-26NOV24-T50: ${text}`,
      blocks: [
        {
          type: "header",
          text: { type: "plain_text", text: "ℹ️ Trade placed: KXHIGHNY-26NOV24-T50", emoji: true },
        },
        { type: "section", text: { type: "mrkdwn", text } },
        { type: "section", fields: fields.map(([l, v]) => ({ type: "mrkdwn", text: `*${l}*\n${v}` })) },
        {
          type: "context",
          elements: [{ type: "mrkdwn", text: `Conviction · ${ACCOUNT} · trade · ${occurredAt}` }],
        },
      ],
    },
  ]);
  expect(bodiesAt(DISCORD)).toEqual([
    {
      username: "Conviction",
      content: "",
      allowed_mentions: { parse: [] },
      embeds: [
        {
          title: "Trade placed: KXHIGHNY-26NOV24-T50",
          description: text,
          color: 0x3b82f6,
          fields: fields.map(([name, value]) => ({ name, value, inline: true })),
          timestamp: occurredAt,
          footer: { text: `Conviction · ${ACCOUNT} · trade` },
        },
      ],
    },
  ]);
  expect(bodiesAt(TELEGRAM)).toEqual([
    {
      chat_id: CHAT,
      text: [
        "ℹ️ <b>Trade placed: KXHIGHNY-26NOV24-T50</b>",
        text,
        "",
        ...fields.map(([l, v]) => `<b>${l}:</b> ${v}`),
        "",
        `<i>Conviction · ${ACCOUNT} · trade · ${occurredAt}</i>`,
      ].join("\n"),
      parse_mode: "HTML",
      disable_web_page_preview: true,
    },
  ]);
  expect(bodiesAt(HOOK)).toEqual([
    {
      version: 1,
      source: "conviction",
      id: placed?.id,
      kind: "trade",
      severity: "info",
      title: "Trade placed: KXHIGHNY-26NOV24-T50",
      text,
      fields: fields.map(([label, value]) => ({ label, value })),
      eventType: "OrderPlaced",
      occurredAt,
      accountId: ACCOUNT,
    },
  ]);
});

test("the kinds filter and a channel turned off are honoured, from the projection of the user's choice", async () => {
  await append("notification-preferences", [
    {
      type: "NotificationPreferencesSet",
      data: { channel: "slack", enabled: true, kinds: ["breaker"], quietHours: null },
    },
    {
      type: "NotificationPreferencesSet",
      data: { channel: "discord", enabled: false, kinds: ["resolution", "breaker"], quietHours: null },
    },
  ]);
  await project();
  await startNotifier();
  await append("trade-1", [RESOLVED]);
  await append("trading-state", [BREAKER]);
  await settle(notifier);
  expect(bodiesAt(SLACK).map((b) => b.text)).toEqual([
    "Circuit breaker tripped: trading halted: 5 losses in a row",
  ]);
  expect(bodiesAt(DISCORD)).toEqual([]);
  expect(bodiesAt(HOOK).map((b) => b.title)).toEqual([
    "Won: KXHIGHNY-26NOV24-T50",
    "Circuit breaker tripped: trading halted",
  ]);
  expect(bodiesAt(HOOK)[0].fields.find((f: any) => f.label === "Realized P&L").value).toBe("+$0.6265");
});

test("quiet hours hold a resolution until the window ends, while a circuit breaker still gets through", async () => {
  await append("notification-preferences", [
    {
      type: "NotificationPreferencesSet",
      data: {
        channel: "telegram",
        enabled: true,
        kinds: ["resolution", "breaker"],
        quietHours: { start: "22:00", end: "07:00" },
      },
    },
  ]);
  await project();
  clock.set("2026-11-25T08:30:00.000Z"); // 03:30 in New York
  await startNotifier();
  await append("trade-1", [RESOLVED]);
  await append("trading-state", [BREAKER]);
  await settle(notifier);
  const titles = () => bodiesAt(TELEGRAM).map((b) => b.text.split("\n")[0]);
  expect(titles()).toEqual(["🚨 <b>Circuit breaker tripped: trading halted</b>"]);
  // Other channels have no quiet hours: the resolution went out there at once.
  expect(bodiesAt(HOOK).map((b) => b.kind)).toEqual(["resolution", "breaker"]);

  clock.set("2026-11-25T11:59:00.000Z"); // 06:59
  expect(await notifier?.releaseDue()).toBe(0);
  clock.set("2026-11-25T12:00:00.000Z"); // 07:00: the window is over
  expect(await notifier?.releaseDue()).toBe(1);
  expect(titles()).toEqual([
    "🚨 <b>Circuit breaker tripped: trading halted</b>",
    "✅ <b>Won: KXHIGHNY-26NOV24-T50</b>",
  ]);
  expect(await notifier?.releaseDue()).toBe(0); // sent once
});

test("a failing service is retried with exponential backoff, then succeeds", async () => {
  script[DISCORD] = [500, 502, 429];
  await startNotifier();
  await append("trade-1", [PLACED]);
  await settle(notifier);
  expect(bodiesAt(DISCORD)).toHaveLength(1);
  expect(delays).toEqual([1000, 2000, 4000]);
  expect(await t.db.query("SELECT 1 FROM error_logs")).toEqual([]);
  const errors = await store.readAll({ transactionId: "0", globalPosition: 0 }, 100, ["ErrorRecorded"]);
  expect(errors).toEqual([]);
});

test("a permanent failure is recorded (no secret in it) and the others, and trading, go on", async () => {
  script[HOOK] = [400];
  script[SLACK] = [503, 503, 503, 503];
  await startNotifier();
  await append("trade-1", [PLACED]);
  await settle(notifier);
  expect(bodiesAt(DISCORD)).toHaveLength(1);
  expect(bodiesAt(TELEGRAM)).toHaveLength(1);
  expect(bodiesAt(HOOK)).toEqual([]);
  expect(bodiesAt(SLACK)).toEqual([]);
  await project();
  const rows = await t.db.query<{ endpoint: string; error_message: string; context: any }>(
    "SELECT endpoint, error_message, context FROM error_logs ORDER BY endpoint",
  );
  expect(rows.map((r) => [r.endpoint, r.error_message, r.context.attempts, r.context.status])).toEqual([
    ["notify:slack", 'HTTP 503: {"error":"nope 503"}', 4, 503],
    ["notify:webhook", 'HTTP 400: {"error":"nope 400"}', 1, 400],
  ]);
  const recorded = JSON.stringify(rows) + logLines.join("\n");
  for (const secret of ["SECRETslack", "SECRETwebhook", "SECRETdiscord", TOKEN]) {
    expect(recorded).not.toContain(secret);
  }
  // The failures are not themselves notified (no loop between failing channels).
  expect(bodiesAt(DISCORD)).toHaveLength(1);
});

test("a service that never answers holds up neither trading nor the other channels", async () => {
  script[SLACK] = ["hang"];
  await startNotifier();
  await append("trade-1", [PLACED]);
  // The engine's append returned at once; the other channels deliver while Slack hangs.
  const deadline = Date.now() + 5000;
  while (bodiesAt(HOOK).length === 0 && Date.now() < deadline) await Bun.sleep(10);
  expect(bodiesAt(HOOK)).toHaveLength(1);
  await append("trading-state", [BREAKER]);
  expect((await store.readStream("trading-state")).map((e) => e.type)).toEqual(["CircuitBreakerTripped"]);
});

test("a restart neither repeats nor misses: each channel resumes from its checkpoint", async () => {
  await append("trade-0", [
    { ...PLACED, data: { ...PLACED.data, tradeId: "before-notifications" } } as PendingEvent,
  ]);
  await startNotifier();
  await append("trade-1", [PLACED]);
  await settle(notifier);
  await notifier?.stop();
  notifier = null;
  // While it is down, a resolution happens.
  await append("trade-1", [RESOLVED]);
  const restarted = await startNotifier();
  await settle(restarted);
  for (const path of [SLACK, DISCORD, TELEGRAM, HOOK]) {
    expect(received.filter((r) => r.path === path)).toHaveLength(2);
  }
  // History from before notifications were first switched on is not replayed at anyone.
  expect(bodiesAt(HOOK).map((b) => b.title)).toEqual([
    "Trade placed: KXHIGHNY-26NOV24-T50",
    "Won: KXHIGHNY-26NOV24-T50",
  ]);
  expect(bodiesAt(HOOK).map((b) => b.fields.at(-1).value)).toEqual(["trade-1", "trade-1"]);
});
