import { afterAll, beforeAll, expect, test } from "bun:test";
import { ReadCache, readModelVersion } from "./read-cache.ts";
import { type ApiFixture, apiFixture } from "./testing/fixture.ts";

test("a cached read is reused only for the same version; failures are not kept; size is bounded", async () => {
  const cache = new ReadCache(2);
  let loads = 0;
  const load = async () => ++loads;
  expect(await cache.get("k", "v1", load)).toBe(1);
  expect(await cache.get("k", "v1", load)).toBe(1);
  expect(await cache.get("k", "v2", load)).toBe(2);
  await expect(cache.get("bad", "v1", () => Promise.reject(new Error("db down")))).rejects.toThrow("db down");
  expect(await cache.get("bad", "v1", load)).toBe(3);
  await cache.get("third", "v1", load);
  expect(cache.size).toBe(2);
});

let f: ApiFixture;
beforeAll(async () => {
  f = await apiFixture();
});
afterAll(() => f.close());

test("the read-model version moves when (and only when) the projections apply events", async () => {
  const before = await readModelVersion(f.t.db);
  expect(await readModelVersion(f.t.db)).toBe(before);
  await f.history.append("trading-state", [{ type: "TradingResumed", data: { reason: "version test" } }]);
  expect(await readModelVersion(f.t.db)).not.toBe(before);
});
