import { expect, test } from "bun:test";
import { money, signedMoney } from "./format-money.ts";
import { maskTelegram, maskUrl } from "./mask.ts";
import { postJson } from "./post.ts";
import { backoffDelay, withRetry } from "./retry.ts";

test("money is exact from micros: every digit it has, at least cents, never rounded", () => {
  expect(money(20_023_500)).toBe("$20.0235");
  expect(money(20_000_000)).toBe("$20.00");
  expect(money(953_500)).toBe("$0.9535");
  expect(money(1)).toBe("$0.000001");
  expect(money(-1_070_000)).toBe("-$1.07");
  expect(money(1_234_567_890_000)).toBe("$1,234,567.89");
  expect(signedMoney(626_500)).toBe("+$0.6265");
  expect(signedMoney(-2_000_000)).toBe("-$2.00");
  expect(signedMoney(0)).toBe("$0.00");
});

test("masked destinations keep the host and a short tail, never the secret", () => {
  const url = "https://hooks.slack.com/services/T000/B000/XXXXsecretXXXXwxyz";
  expect(maskUrl(url)).toBe("hooks.slack.com/…wxyz");
  expect(maskUrl(url)).not.toContain("secret");
  expect(maskTelegram("https://api.telegram.org", "-100987654321")).toBe("api.telegram.org · chat …4321");
});

test("backoff doubles from the base, is capped, and honours Retry-After within the cap", () => {
  const policy = { maxAttempts: 6, baseDelayMs: 1000, maxDelayMs: 10_000 };
  expect([1, 2, 3, 4, 5].map((a) => backoffDelay(policy, a, null))).toEqual([1000, 2000, 4000, 8000, 10_000]);
  expect(backoffDelay(policy, 1, 5000)).toBe(5000);
  expect(backoffDelay(policy, 1, 120_000)).toBe(10_000);
});

test("a 4xx is permanent, a 5xx is retried until the attempts run out; the URL is never in the error", async () => {
  const secretUrl = "https://hooks.example/SECRET-path";
  let calls = 0;
  const answer = (status: number) => async () => {
    calls++;
    return new Response("nope", { status });
  };
  const delays: number[] = [];
  const sleep = async (ms: number) => {
    delays.push(ms);
  };
  const policy = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000 };

  const permanent = await withRetry(
    () => postJson(answer(404), { url: secretUrl, body: {} }, 1000),
    policy,
    sleep,
  );
  expect([permanent.ok, permanent.attempts, permanent.error?.status, calls]).toEqual([false, 1, 404, 1]);

  calls = 0;
  const exhausted = await withRetry(
    () => postJson(answer(500), { url: secretUrl, body: {} }, 1000),
    policy,
    sleep,
  );
  expect([exhausted.ok, exhausted.attempts, exhausted.interrupted, calls]).toEqual([false, 3, false, 3]);
  expect(delays).toEqual([100, 200]);
  expect(exhausted.error?.message).toBe("HTTP 500: nope");

  const unreachable = await withRetry(
    () =>
      postJson(
        async () => {
          throw Object.assign(new Error(`connect ECONNREFUSED ${secretUrl}`), { code: "ECONNREFUSED" });
        },
        { url: secretUrl, body: {} },
        1000,
      ),
    { ...policy, maxAttempts: 1 },
    sleep,
  );
  expect(unreachable.error?.message).toBe("no response: ECONNREFUSED");
});

test("stopping ends the retries without counting it as the service's failure", async () => {
  let stopped = false;
  const outcome = await withRetry(
    async () => {
      stopped = true;
      throw new Error("boom");
    },
    { maxAttempts: 5, baseDelayMs: 1, maxDelayMs: 1 },
    async () => {},
    () => stopped,
  );
  expect([outcome.ok, outcome.attempts, outcome.interrupted]).toEqual([false, 1, true]);
});
