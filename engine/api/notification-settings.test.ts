// biome-ignore-all lint/suspicious/noExplicitAny: GraphQL responses are read field by field; their shape is what the test asserts.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { secretValues } from "../config/index.ts";
import { codes, gql } from "./testing/client.ts";
import { API_TOKEN, configWithSecrets } from "./testing/config.ts";
import { type ApiFixture, apiFixture } from "./testing/fixture.ts";

const config = configWithSecrets();
let f: ApiFixture;
beforeAll(async () => {
  f = await apiFixture({ config });
});
afterAll(() => f.close());

const bearer = { authorization: `Bearer ${API_TOKEN}` };
const SETTINGS = `{ notificationSettings { channel configured destination enabled kinds quietHours { start end } timezone updatedAt } }`;
const SET = `mutation($channel: NotificationChannel!, $enabled: Boolean!, $kinds: [NotificationKind!]!, $quiet: QuietHoursInput) {
  setNotificationPreferences(channel: $channel, enabled: $enabled, kinds: $kinds, quietHours: $quiet) {
    channel enabled kinds quietHours { start end } destination updatedAt
  } }`;

test("every channel, configured ones with their destination masked and never in full", async () => {
  const r = await gql<any>(f.api, SETTINGS, { headers: bearer });
  expect(r.errors).toEqual([]);
  expect(r.data.notificationSettings).toEqual([
    {
      channel: "SLACK",
      configured: true,
      destination: "hooks.slack.com/…0001",
      enabled: true,
      kinds: ["TRADE", "STOP_LOSS", "RESOLUTION", "BREAKER", "ERROR", "REPORT"],
      quietHours: null,
      timezone: "UTC",
      updatedAt: null,
    },
    expect.objectContaining({ channel: "DISCORD", configured: true, destination: "discord.com/…cret" }),
    expect.objectContaining({
      channel: "TELEGRAM",
      configured: true,
      destination: "api.telegram.org · chat …4321",
    }),
    expect.objectContaining({ channel: "WEBHOOK", configured: true, destination: "example.test/…pass" }),
  ]);
  for (const secret of secretValues(config)) expect(r.text).not.toContain(secret);
});

test("setNotificationPreferences stores the choice as an event and reads it back from the projection", async () => {
  const r = await gql<any>(f.api, SET, {
    headers: bearer,
    variables: {
      channel: "TELEGRAM",
      enabled: true,
      kinds: ["BREAKER", "RESOLUTION"],
      quiet: { start: "22:00", end: "07:00" },
    },
  });
  expect(r.errors).toEqual([]);
  expect(r.data.setNotificationPreferences).toMatchObject({
    channel: "TELEGRAM",
    enabled: true,
    kinds: ["RESOLUTION", "BREAKER"],
    quietHours: { start: "22:00", end: "07:00" },
  });
  expect(r.data.setNotificationPreferences.updatedAt).not.toBeNull();
  const events = await f.history.store.readStream("notification-preferences");
  expect(events.map((e) => [e.type, e.metadata.actor, e.data])).toEqual([
    [
      "NotificationPreferencesSet",
      "engine",
      {
        channel: "telegram",
        enabled: true,
        kinds: ["breaker", "resolution"],
        quietHours: { start: "22:00", end: "07:00" },
      },
    ],
  ]);
});

test("bad quiet hours are BAD_USER_INPUT naming the field, and nothing is stored", async () => {
  const before = (await f.history.store.readStream("notification-preferences")).length;
  const r = await gql<any>(f.api, SET, {
    headers: bearer,
    variables: { channel: "SLACK", enabled: true, kinds: [], quiet: { start: "25:00", end: "07:00" } },
  });
  expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
  expect(r.errors[0]?.message).toBe("quietHours.start: must be HH:MM (00:00 to 23:59)");
  expect((await f.history.store.readStream("notification-preferences")).length).toBe(before);
});

test("without credentials both the query and the mutation are refused", async () => {
  expect(codes(await gql(f.api, SETTINGS))).toEqual(["UNAUTHENTICATED"]);
  expect(
    codes(await gql(f.api, SET, { variables: { channel: "SLACK", enabled: false, kinds: [] } })),
  ).toEqual(["UNAUTHENTICATED"]);
});
