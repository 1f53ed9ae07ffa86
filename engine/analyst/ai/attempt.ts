/**
 * One Messages API call and what it cost. Failures are rethrown as AiCallFailed carrying what was
 * already spent, because a failed repair still cost the first answer, and the daily cap must
 * count it even when the rules selector ends up deciding.
 */
import type Anthropic from "@anthropic-ai/sdk";
import type {
  ContentBlock,
  Message,
  MessageCreateParamsNonStreaming,
} from "@anthropic-ai/sdk/resources/messages";
import type { Micros } from "../../money/money.ts";
import { costOf } from "../cost.ts";
import { type DescribedError, describeAiError } from "./errors.ts";

export interface AttemptRecord {
  attempt: number;
  requestId: string | null;
  /** The model that answered, as the API reports it (may be a dated id). */
  model: string;
  stopReason: string | null;
  content: ContentBlock[];
  inputTokens: number;
  outputTokens: number;
}

export interface Spend {
  inputTokens: number;
  outputTokens: number;
  cost: Micros;
}

export function spendOf(model: string, attempts: readonly AttemptRecord[]): Spend {
  const inputTokens = attempts.reduce((a, x) => a + x.inputTokens, 0);
  const outputTokens = attempts.reduce((a, x) => a + x.outputTokens, 0);
  return { inputTokens, outputTokens, cost: costOf(model, { inputTokens, outputTokens }) };
}

export class AiCallFailed extends Error {
  override readonly name = "AiCallFailed";
  constructor(
    readonly failure: DescribedError,
    /** Answers received before the failure (e.g. an invalid first answer before a failed repair). */
    readonly attempts: readonly AttemptRecord[],
    /** Validation errors of those answers, if any. */
    readonly priorErrors: readonly string[],
  ) {
    super(failure.message);
  }
}

/** Cache reads and writes are input too; we send no cache_control, but a gateway may cache on its own. */
function inputTokensOf(message: Message): number {
  const u = message.usage;
  return u.input_tokens + (u.cache_creation_input_tokens ?? 0) + (u.cache_read_input_tokens ?? 0);
}

/** Throws on a body that is not a Message (a broken proxy, say): that is an unavailable AI, not an answer. */
function toRecord(message: Message, requestId: string | null, attempt: number): AttemptRecord {
  if (!Array.isArray(message.content) || typeof message.usage?.output_tokens !== "number") {
    throw new TypeError("response is not a Messages API message (no content or usage)");
  }
  return {
    attempt,
    requestId,
    model: message.model,
    stopReason: message.stop_reason,
    content: message.content,
    inputTokens: inputTokensOf(message),
    outputTokens: message.usage.output_tokens,
  };
}

export async function callModel(
  client: Anthropic,
  request: MessageCreateParamsNonStreaming,
  context: { attempts: AttemptRecord[]; priorErrors: readonly string[]; secrets: readonly (string | null)[] },
): Promise<AttemptRecord> {
  let record: AttemptRecord;
  try {
    const { data, request_id } = await client.messages.create(request).withResponse();
    record = toRecord(data, request_id ?? null, context.attempts.length + 1);
  } catch (error) {
    throw new AiCallFailed(describeAiError(error, context.secrets), context.attempts, context.priorErrors);
  }
  context.attempts.push(record);
  return record;
}
