// biome-ignore-all lint/suspicious/noExplicitAny: GraphQL responses are read field by field; their shape is what the test asserts.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { type ApiFixture, apiFixture } from "./testing/fixture.ts";

let f: ApiFixture;
let follower: { stop(): Promise<void> };
beforeAll(async () => {
  // On a shared PostgreSQL server another session's open transaction can hold the snapshot
  // horizon for a while: the feed's poll picks the events up once it passes.
  f = await apiFixture({ live: { debounceMs: 5, maxWaitMs: 50, pollMs: 100 } });
  // As in the engine: the projector follows the log (append's own catch-up may find nothing yet).
  follower = f.history.projector.follow(() => {}, 100);
});
afterAll(async () => {
  await follower.stop();
  await f.close();
});

/** Opens an SSE subscription through yoga and returns a reader of its `data:` payloads. */
async function subscribe(query: string, variables: Record<string, unknown> = {}) {
  const response = await f.api.fetch(
    new Request("http://localhost/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream" },
      body: JSON.stringify({ query, variables }),
    }),
    { clientIp: "127.0.0.1" },
  );
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/event-stream");
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  return {
    async next(timeoutMs = 15_000): Promise<any> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const end = buffer.indexOf("\n\n");
        if (end !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block
            .split("\n")
            .filter((l) => l.startsWith("data:"))
            .map((l) => l.slice(5).trim())
            .join("");
          if (data) return JSON.parse(data);
          continue; // keep-alive or event name only
        }
        const left = deadline - Date.now();
        if (left <= 0) throw new Error("no SSE event in time");
        const chunk = await Promise.race([
          reader.read(),
          Bun.sleep(left).then(() => ({ done: true, value: undefined, timeout: true })),
        ]);
        if ("timeout" in chunk) throw new Error("no SSE event in time");
        if (chunk.done) throw new Error("stream ended");
        buffer += decoder.decode(chunk.value, { stream: true });
      }
    },
    close: () => reader.cancel(),
  };
}

test("logAppended streams newly committed events, filtered by type", async () => {
  const all = await subscribe(
    "subscription { logAppended { head truncated events { type streamId position data } } }",
  );
  const errorsOnly = await subscribe(
    'subscription { logAppended(type: "ErrorRecorded") { events { type } } }',
  );
  await f.history.append("trading-state", [{ type: "TradingResumed", data: { reason: "live test" } }]);
  const first = await all.next();
  expect(first.data.logAppended.events.map((e: any) => e.type)).toEqual(["TradingResumed"]);
  expect(first.data.logAppended.head).toMatch(/^\d+:\d+$/);
  expect(first.data.logAppended.truncated).toBe(false);
  // The filtered subscriber heard nothing of that; it hears the error.
  await f.history.append("error-live", [
    {
      type: "ErrorRecorded",
      data: { errorId: "live-1", source: "ai", message: "late", stack: null, context: {} },
    },
  ]);
  expect((await errorsOnly.next()).data.logAppended.events).toEqual([{ type: "ErrorRecorded" }]);
  await all.close();
  await errorsOnly.close();
  // A client that goes away is unsubscribed without waiting for another event.
  for (let i = 0; i < 50 && f.api.feed.log.subscribers > 0; i++) await Bun.sleep(10);
  expect(f.api.feed.log.subscribers).toBe(0);
}, 60_000);

test("overviewChanged fires once the projections have the new events", async () => {
  const sub = await subscribe("subscription { overviewChanged { tradingState { status reason } } }");
  await f.history.append("trading-state", [
    { type: "TradingPaused", data: { reason: "from the live test", pausedUntil: null } },
  ]);
  const update = await sub.next();
  expect(update.data.overviewChanged.tradingState).toEqual({
    status: "PAUSED",
    reason: "from the live test",
  });
  await sub.close();
});
