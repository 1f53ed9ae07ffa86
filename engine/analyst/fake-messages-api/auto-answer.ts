/**
 * A plausible answer computed from the request, for running the engine against the fake by hand:
 * it reads the <limits> and <candidates> blocks, states each candidate's price (plus a point) as its
 * probability and buys the first candidate at the minimum position size. Not clever; valid.
 */
import type { RecordedRequest, Step } from "./types.ts";

type Json = Record<string, unknown>;

function block(text: string, tag: string): unknown {
  const m = new RegExp(`<${tag}>\\n([\\s\\S]*?)\\n</${tag}>`).exec(text);
  if (!m?.[1]) return null;
  try {
    return JSON.parse(m[1]) as unknown;
  } catch {
    return null;
  }
}

function firstUserText(body: Json | null): string {
  const messages = Array.isArray(body?.messages) ? (body.messages as Json[]) : [];
  const content = messages[0]?.content;
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return (content as Json[]).map((b) => (typeof b.text === "string" ? b.text : "")).join("\n");
  }
  return "";
}

export function autoAnswer(request: RecordedRequest): Step {
  const text = firstUserText(request.body);
  const candidates = (block(text, "candidates") as Json[] | null) ?? [];
  const limits = (block(text, "limits") as Json | null) ?? {};
  const tradesRemaining = Number(limits.tradesRemaining ?? 0);
  const minSize = Number(limits.minPositionSize ?? 0);
  const budget = Number(limits.remainingBudget ?? 0);
  const pick = candidates[0];
  const selections =
    pick && tradesRemaining > 0 && minSize > 0 && minSize <= budget
      ? [
          {
            ticker: pick.ticker,
            side: pick.side,
            allocation: minSize,
            confidence: Math.min(0.99, Number(pick.price) + 0.01),
            reasoning: "Fake API auto-answer: the first candidate at the minimum size.",
            risk_factors: ["this answer comes from the fake Messages API"],
          },
        ]
      : [];
  return {
    kind: "tool",
    input: {
      selections,
      probabilities: candidates.map((c) => ({
        ticker: c.ticker,
        side: c.side,
        probability: Math.min(0.99, Number(c.price) + 0.01),
      })),
      strategy_notes: "Fake Messages API auto-answer.",
    },
  };
}
