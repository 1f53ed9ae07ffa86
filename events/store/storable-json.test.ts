import { afterAll, beforeAll, expect, test } from "bun:test";
import { createTestDatabase, type TestDatabase } from "../../test/db.ts";
import { rawEvent } from "../../test/support/events.ts";
import { appendToStream } from "./append.ts";
import { appendToStreams } from "./append-many.ts";
import { readStream } from "./read.ts";
import { storableJson } from "./storable-json.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

test("a NUL becomes U+FFFD; literal backslash-u text is left alone", () => {
  expect(JSON.parse(storableJson({ s: "a\u0000b" }))).toEqual({ s: "a\ufffdb" });
  expect(JSON.parse(storableJson({ s: "\\u0000" }))).toEqual({ s: "\\u0000" });
  expect(JSON.parse(storableJson({ s: "\\\u0000" }))).toEqual({ s: "\\\ufffd" });
  expect(storableJson({ s: "plain" })).toBe('{"s":"plain"}');
});

test("an event carrying a NUL is stored, not refused, by both append paths", async () => {
  await appendToStream(t.db, "nul-one", [rawEvent(0, { data: { title: "Will it\u0000 rain?" } })]);
  await appendToStreams(t.db, [
    { streamId: "nul-many", events: [rawEvent(1, { data: { title: "x\u0000y", n: 1 } })] },
  ]);
  const [one] = await readStream(t.db, "nul-one");
  const [many] = await readStream(t.db, "nul-many");
  expect(one?.data).toEqual({ title: "Will it\ufffd rain?" });
  expect(many?.data).toEqual({ title: "x\ufffdy", n: 1 });
});
