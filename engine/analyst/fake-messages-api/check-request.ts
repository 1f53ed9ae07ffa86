/**
 * The request checks the real API applies that our client could get wrong: headers, the body's
 * required fields, tool_choice naming a real tool, and the tool_use / tool_result pairing of a
 * repair turn. A request that passes here has the shape Anthropic accepts.
 */

export interface RequestProblem {
  status: 400 | 401;
  type: "invalid_request_error" | "authentication_error";
  message: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const bad = (message: string): RequestProblem => ({ status: 400, type: "invalid_request_error", message });

/** The key the client sent: x-api-key, or a Bearer token (the SDK sends its key as Bearer). */
export function sentKey(headers: Headers): string | null {
  const apiKey = headers.get("x-api-key");
  if (apiKey) return apiKey;
  const auth = headers.get("authorization");
  const m = auth ? /^Bearer\s+(.+)$/i.exec(auth) : null;
  return m?.[1] ?? null;
}

export function checkHeaders(headers: Headers, expectedKey: string | null): RequestProblem | null {
  const key = sentKey(headers);
  if (!key) return { status: 401, type: "authentication_error", message: "x-api-key header is required" };
  if (expectedKey !== null && key !== expectedKey) {
    return { status: 401, type: "authentication_error", message: "invalid x-api-key" };
  }
  if (!headers.get("anthropic-version")) return bad("anthropic-version: header is required");
  return null;
}

function blocksOf(content: unknown): Json[] {
  if (typeof content === "string") return [{ type: "text", text: content }];
  return Array.isArray(content) ? content.filter(isObject) : [];
}

function checkMessages(messages: unknown): RequestProblem | null {
  if (!Array.isArray(messages) || messages.length === 0)
    return bad("messages: at least one message is required");
  let previousToolUses: string[] = [];
  for (const [i, m] of messages.entries()) {
    if (!isObject(m)) return bad(`messages.${i}: Input should be an object`);
    if (m.role !== "user" && m.role !== "assistant")
      return bad(`messages.${i}.role: Input should be 'user' or 'assistant'`);
    if (i === 0 && m.role !== "user") return bad('messages: first message must use the "user" role');
    const content = m.content;
    if (
      typeof content === "string" ? content.length === 0 : !Array.isArray(content) || content.length === 0
    ) {
      return bad(`messages.${i}: all messages must have non-empty content`);
    }
    const blocks = blocksOf(content);
    const results = blocks.filter((b) => b.type === "tool_result").map((b) => String(b.tool_use_id));
    if (m.role === "user") {
      for (const id of results) {
        if (!previousToolUses.includes(id)) {
          return bad(
            `messages.${i}.content: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${id}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`,
          );
        }
      }
      const missing = previousToolUses.filter((id) => !results.includes(id));
      if (missing.length > 0) {
        return bad(
          `messages.${i}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(", ")}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`,
        );
      }
      const firstOther = blocks.findIndex((b) => b.type !== "tool_result");
      if (firstOther !== -1 && blocks.slice(firstOther).some((b) => b.type === "tool_result")) {
        return bad(`messages.${i}.content: tool_result blocks must come first in the user message`);
      }
      previousToolUses = [];
    } else {
      if (results.length > 0)
        return bad(`messages.${i}.content: tool_result blocks are only allowed in user messages`);
      previousToolUses = blocks.filter((b) => b.type === "tool_use").map((b) => String(b.id));
    }
  }
  return null;
}

function checkTools(body: Json): RequestProblem | null {
  const tools = body.tools;
  if (tools === undefined) {
    return body.tool_choice === undefined
      ? null
      : bad("tool_choice: tool_choice may only be specified with tools");
  }
  if (!Array.isArray(tools)) return bad("tools: Input should be a valid list");
  const names: string[] = [];
  for (const [i, t] of tools.entries()) {
    if (!isObject(t) || typeof t.name !== "string" || !/^[a-zA-Z0-9_-]{1,128}$/.test(t.name)) {
      return bad(`tools.${i}.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'`);
    }
    if (!isObject(t.input_schema) || t.input_schema.type !== "object") {
      return bad(`tools.${i}.custom.input_schema.type: Input should be 'object'`);
    }
    if (names.includes(t.name)) return bad("tools: Tool names must be unique.");
    names.push(t.name);
  }
  const choice = body.tool_choice;
  if (choice === undefined) return null;
  if (!isObject(choice) || !["auto", "any", "tool", "none"].includes(String(choice.type))) {
    return bad(
      "tool_choice: Input tag does not match any of the expected tags: 'auto', 'any', 'tool', 'none'",
    );
  }
  if (choice.type === "tool" && !names.includes(String(choice.name))) {
    return bad(`tool_choice: Tool '${String(choice.name)}' not found in tools`);
  }
  return null;
}

export function checkBody(body: unknown): RequestProblem | null {
  if (!isObject(body)) return bad("Request body must be a JSON object");
  if (typeof body.model !== "string" || body.model === "") return bad("model: Field required");
  if (typeof body.max_tokens !== "number" || !Number.isInteger(body.max_tokens) || body.max_tokens < 1) {
    return bad("max_tokens: Field required");
  }
  if (body.stream === true) return bad("stream: this fake serves only non-streaming requests");
  if (body.system !== undefined && typeof body.system !== "string" && !Array.isArray(body.system)) {
    return bad("system: Input should be a valid string or list");
  }
  return checkMessages(body.messages) ?? checkTools(body);
}

/** Name of the tool the answer should call: the forced one, else the first. */
export function toolNameOf(body: Json): string {
  const choice = body.tool_choice;
  if (isObject(choice) && choice.type === "tool" && typeof choice.name === "string") return choice.name;
  const first = Array.isArray(body.tools) ? body.tools[0] : undefined;
  return isObject(first) && typeof first.name === "string" ? first.name : "tool";
}
