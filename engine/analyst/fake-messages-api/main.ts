/**
 * Runs the fake Messages API on its own, to point the engine (or `check ai`) at it:
 *
 *   bun engine/analyst/fake-messages-api/main.ts [--port 4010] [--key KEY] [--mode auto|text|overloaded|rate-limited|slow]
 *   ANTHROPIC_BASE_URL=http://127.0.0.1:4010 ANTHROPIC_API_KEY=any-key npm start
 *
 * auto answers every request validly from its own data blocks; the other modes answer every
 * request the same broken way, to watch the engine fall back to the rules selector.
 */
import { parseArgs } from "node:util";
import { autoAnswer } from "./auto-answer.ts";
import { startFakeMessagesApi } from "./server.ts";
import type { Script } from "./types.ts";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "4010" },
    key: { type: "string" },
    mode: { type: "string", default: "auto" },
  },
});

const modes: Record<string, Script> = {
  auto: autoAnswer,
  text: { kind: "text", text: "I think you should buy everything." },
  overloaded: { kind: "error", status: 529 },
  "rate-limited": { kind: "error", status: 429, retryAfterSeconds: 1 },
  slow: (r) => ({ ...autoAnswer(r), delayMs: 120_000 }),
};
const otherwise = modes[values.mode];
if (!otherwise) {
  console.error(`unknown --mode ${values.mode}; one of ${Object.keys(modes).join(", ")}`);
  process.exit(2);
}
const api = startFakeMessagesApi({
  port: Number(values.port),
  otherwise,
  ...(values.key ? { apiKey: values.key } : {}),
});
console.log(`fake Messages API (${values.mode}) on ${api.url} — POST ${api.url}/v1/messages`);
