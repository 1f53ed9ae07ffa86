/**
 * The AI selector: builds the learning context and the prompt, asks the model through the forced
 * tool, validates the answer against the schema and the business rules, and allows exactly one
 * repair. It never returns selections that failed validation; API failures are thrown (as
 * AiCallFailed) for the fallback wrapper to turn into a rules-based run.
 */
import type Anthropic from "@anthropic-ai/sdk";
import type { ContentBlock } from "@anthropic-ai/sdk/resources/messages";
import type { AiConfig } from "../../config/config.ts";
import { micros, sumMicros } from "../../money/money.ts";
import type { Clock } from "../../time/clock.ts";
import { buildContext } from "../context/build.ts";
import { showDollars } from "../money-text.ts";
import { TOOL_NAME } from "../prompt/answer.ts";
import { promptHash } from "../prompt/hash.ts";
import { buildRepairRequest, buildRequest } from "../prompt/request.ts";
import { PROMPT_VERSION } from "../prompt/version.ts";
import { redactDeep } from "../redact.ts";
import type { AnalysisResult, Selector, SelectorInput } from "../types.ts";
import { type Validation, validateAnswer } from "../validate.ts";
import { type AttemptRecord, callModel, spendOf } from "./attempt.ts";
import { createAnthropicClient } from "./client.ts";

export interface AiSelectorOptions {
  config: AiConfig;
  clock: Clock;
  /** Defaults to a client built from `config`. */
  client?: Anthropic;
  maxTokens?: number;
}

const excerpt = (text: string): string => (text.length > 200 ? `${text.slice(0, 199)}…` : text);

/** The tool call in an answer, or why there is none usable. */
function checkAnswer(record: AttemptRecord, input: SelectorInput): Validation {
  if (record.stopReason === "max_tokens") {
    return {
      ok: false,
      errors: ["the answer was cut off at max_tokens; answer more briefly"],
      probabilities: null,
      strategyNotes: "",
    };
  }
  const call = record.content.find(
    (b): b is Extract<ContentBlock, { type: "tool_use" }> => b.type === "tool_use" && b.name === TOOL_NAME,
  );
  if (!call) {
    const text = record.content
      .filter((b) => b.type === "text")
      .map((b) => b.text)
      .join(" ");
    return {
      ok: false,
      errors: [
        `the answer was not a ${TOOL_NAME} tool call (stop_reason ${record.stopReason ?? "none"})` +
          (text ? `: "${excerpt(text)}"` : ""),
      ],
      probabilities: null,
      strategyNotes: "",
    };
  }
  return validateAnswer(call.input, input.candidates, input.limits);
}

export class AiSelector implements Selector {
  readonly #config: AiConfig;
  readonly #clock: Clock;
  readonly #client: Anthropic;
  readonly #maxTokens: number | undefined;

  constructor(options: AiSelectorOptions) {
    this.#config = options.config;
    this.#clock = options.clock;
    this.#client = options.client ?? createAnthropicClient(options.config);
    this.#maxTokens = options.maxTokens;
  }

  async select(input: SelectorInput): Promise<AnalysisResult> {
    const started = this.#clock.now();
    const model = this.#config.model;
    const secrets = [this.#config.apiKey];
    const context = buildContext({
      now: started,
      history: input.history,
      candidates: input.candidates,
      bankroll: input.bankroll,
      limits: input.limits,
    });
    const base = {
      analysisId: input.analysisId,
      scanId: input.scanId,
      selector: "ai" as const,
      model,
      promptVersion: PROMPT_VERSION,
      context,
      candidatesAnalyzed: input.candidates.length,
    };
    const nothingToBuy =
      input.candidates.length === 0 ||
      input.limits.tradesRemaining === 0 ||
      input.limits.remainingBudget < input.limits.minPositionSize;
    if (nothingToBuy) {
      // A model call could not lead to a trade, so it is not worth its cost.
      return {
        ...base,
        status: "accepted",
        promptHash: null,
        rawResponse: "",
        selections: [],
        probabilities: [],
        strategyNotes:
          "Nothing can be bought today (no candidates, trades or budget left); the model was not called.",
        totalAllocated: 0,
        rejectionReasons: [],
        inputTokens: 0,
        outputTokens: 0,
        cost: 0,
        latencyMs: 0,
      };
    }

    const request = buildRequest({
      model,
      context,
      maxSelections: input.limits.maxTradesPerDay,
      ...(this.#maxTokens ? { maxTokens: this.#maxTokens } : {}),
    });
    const hash = promptHash(request);
    const attempts: AttemptRecord[] = [];
    const first = await callModel(this.#client, request, { attempts, priorErrors: [], secrets });
    let verdict = checkAnswer(first, input);
    let status: AnalysisResult["status"] = "accepted";
    const reasons: string[] = [];

    if (!verdict.ok) {
      reasons.push(...verdict.errors.map((e) => `answer 1: ${e}`));
      const spentSoFar = spendOf(model, attempts).cost;
      if (input.aiSpentToday + spentSoFar >= this.#config.dailyCostCap) {
        reasons.push(
          `no repair attempt: AI spend today would pass AI_DAILY_COST_CAP $${showDollars(this.#config.dailyCostCap)}`,
        );
      } else {
        const repair = buildRepairRequest(request, first.content, verdict.errors);
        const second = await callModel(this.#client, repair, { attempts, priorErrors: reasons, secrets });
        verdict = checkAnswer(second, input);
        if (verdict.ok) status = "repaired";
        else reasons.push(...verdict.errors.map((e) => `answer 2: ${e}`));
      }
    }

    const spend = spendOf(model, attempts);
    const common = {
      ...base,
      promptHash: hash,
      rawResponse: JSON.stringify(attempts),
      inputTokens: spend.inputTokens,
      outputTokens: spend.outputTokens,
      cost: spend.cost,
      latencyMs: Math.max(0, Math.round(this.#clock.now() - started)),
    };
    const result: AnalysisResult = verdict.ok
      ? {
          ...common,
          status,
          selections: verdict.answer.selections,
          probabilities: verdict.answer.probabilities,
          strategyNotes: verdict.answer.strategyNotes,
          totalAllocated: sumMicros(verdict.answer.selections.map((s) => micros(s.allocation))),
          rejectionReasons: status === "repaired" ? reasons : [],
        }
      : {
          ...common,
          status: "rejected",
          selections: [],
          probabilities: verdict.probabilities ?? [],
          strategyNotes: verdict.strategyNotes,
          totalAllocated: 0,
          rejectionReasons: reasons,
        };
    return redactDeep(result, secrets);
  }
}
