import { expect, test } from "bun:test";
import { notificationVariables } from "./notification-settings";

const form = (entries: [string, string][]) => {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
};

test("the Settings form becomes the mutation's variables; empty quiet-hour boxes mean none", () => {
  expect(
    notificationVariables(
      form([
        ["channel", "TELEGRAM"],
        ["enabled", "on"],
        ["kind", "BREAKER"],
        ["kind", "RESOLUTION"],
        ["quietStart", "22:00"],
        ["quietEnd", "07:00"],
      ]),
    ),
  ).toEqual({
    channel: "TELEGRAM",
    enabled: true,
    kinds: ["BREAKER", "RESOLUTION"],
    quietHours: { start: "22:00", end: "07:00" },
  });
  expect(
    notificationVariables(
      form([
        ["channel", "SLACK"],
        ["quietStart", ""],
        ["quietEnd", ""],
      ]),
    ),
  ).toEqual({ channel: "SLACK", enabled: false, kinds: [], quietHours: null });
  // Half a window is sent as is, so the engine's BAD_USER_INPUT names the missing end.
  expect(
    notificationVariables(
      form([
        ["channel", "SLACK"],
        ["quietStart", "22:00"],
      ]),
    ).quietHours,
  ).toEqual({
    start: "22:00",
    end: "",
  });
});
