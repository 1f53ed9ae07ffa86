import { expect, test } from "bun:test";
import { guardResult, InvalidAnalysisResult } from "./guard.ts";
import { selectorInput } from "./testing.ts";
import type { AnalysisResult } from "./types.ts";

const ok: AnalysisResult = {
  analysisId: "a",
  scanId: null,
  selector: "rules",
  status: "accepted",
  model: null,
  promptVersion: "rules-1",
  promptHash: null,
  context: {},
  rawResponse: "",
  selections: [
    {
      ticker: "KXHIGHNY-26JAN16-T40",
      side: "yes",
      allocation: 30_000_000,
      confidence: 0.9,
      reasoning: "r",
      riskFactors: [],
    },
  ],
  probabilities: [],
  strategyNotes: "",
  candidatesAnalyzed: 3,
  totalAllocated: 30_000_000,
  rejectionReasons: [],
  inputTokens: 0,
  outputTokens: 0,
  cost: 0,
  latencyMs: 0,
};

test("a result within the limits passes unchanged", () => {
  expect(guardResult(ok, selectorInput())).toEqual(ok);
});

test("a result over a limit (a bug upstream) becomes a rejection with nothing to execute", () => {
  const bad = {
    ...ok,
    selections: [{ ...ok.selections[0], allocation: 10_000_000_000 }] as AnalysisResult["selections"],
    totalAllocated: 10_000_000_000,
  };
  const r = guardResult(bad, selectorInput());
  expect(r.status).toBe("rejected");
  expect(r.selections).toEqual([]);
  expect(r.totalAllocated).toBe(0);
  expect(r.rejectionReasons[0]).toContain("engine guard: selection 1");
});

test("a total that does not match the selections is refused", () => {
  const r = guardResult({ ...ok, totalAllocated: 1 }, selectorInput());
  expect(r.status).toBe("rejected");
});

test("data that is not a valid event (e.g. a fractional cost) throws", () => {
  expect(() => guardResult({ ...ok, cost: 0.5 }, selectorInput())).toThrow(InvalidAnalysisResult);
});
