/**
 * A local stand-in for Anthropic's Messages API (POST /v1/messages), for tests and demos without
 * internet. The real @anthropic-ai/sdk talks to it over HTTP exactly as to the real API: same
 * request checks, same message and error bodies, request-id and retry-after headers, status 429
 * and 529 with their error types. Each request consumes the next scripted step.
 */
import { checkBody, checkHeaders, toolNameOf } from "./check-request.ts";
import { errorBody, estimateTokens, messageBody } from "./shapes.ts";
import type { RecordedRequest, Script, Step } from "./types.ts";

export interface FakeMessagesApiOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  hostname?: string;
  /** When set, any other key is refused with 401 authentication_error. */
  apiKey?: string;
  /** Answers when nothing is scripted. Default: a 500 api_error saying so, so a test notices. */
  otherwise?: Script;
}

export interface FakeMessagesApi {
  /** Base URL for the SDK's baseURL (no /v1). */
  readonly url: string;
  readonly port: number;
  /** Every request received, including rejected ones and SDK retries. */
  readonly requests: RecordedRequest[];
  /** Queue answers for the next requests, in order. */
  script(...steps: Script[]): void;
  /** Steps still queued. */
  pending(): number;
  /** Forget queued steps and recorded requests. */
  reset(): void;
  close(): Promise<void>;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

const pad = (n: number): string => String(n).padStart(6, "0");

export function startFakeMessagesApi(options: FakeMessagesApiOptions = {}): FakeMessagesApi {
  const queue: Script[] = [];
  const requests: RecordedRequest[] = [];
  let counter = 0;

  const respond = (status: number, body: string, requestId: string, extra: Record<string, string> = {}) =>
    new Response(body, {
      status,
      headers: {
        "content-type": "application/json",
        "request-id": requestId,
        "anthropic-organization-id": "00000000-0000-4000-8000-00000000fa4e",
        ...extra,
      },
    });

  function answer(step: Step, request: RecordedRequest, requestId: string): Response {
    const body = request.body ?? {};
    const model = typeof body.model === "string" ? body.model : "unknown";
    const inputTokens = estimateTokens(
      JSON.stringify([body.system ?? "", body.messages ?? [], body.tools ?? []]),
    );
    switch (step.kind) {
      case "tool": {
        const content: unknown[] = [];
        if (step.preamble) content.push({ type: "text", text: step.preamble, citations: null });
        content.push({
          type: "tool_use",
          id: `toolu_01Fake${pad(counter)}`,
          name: step.name ?? toolNameOf(body),
          input: step.input,
          caller: { type: "direct" },
        });
        const text = messageBody({
          id: `msg_01Fake${pad(counter)}`,
          model: step.model ?? model,
          content,
          stopReason: step.stopReason ?? "tool_use",
          inputTokens,
          ...(step.usage ? { usage: step.usage } : {}),
        });
        return respond(200, text, requestId, step.headers);
      }
      case "text": {
        const text = messageBody({
          id: `msg_01Fake${pad(counter)}`,
          model: step.model ?? model,
          content: [{ type: "text", text: step.text, citations: null }],
          stopReason: step.stopReason ?? "end_turn",
          inputTokens,
          ...(step.usage ? { usage: step.usage } : {}),
        });
        return respond(200, text, requestId, step.headers);
      }
      case "error": {
        const headers: Record<string, string> = {};
        if (step.retryAfterSeconds !== undefined) headers["retry-after"] = String(step.retryAfterSeconds);
        if (step.retryAfterMs !== undefined) headers["retry-after-ms"] = String(step.retryAfterMs);
        if (step.status === 529 || step.status === 429) headers["x-should-retry"] = "true";
        return respond(step.status, errorBody(step.status, requestId, step.type, step.message), requestId, {
          ...headers,
          ...step.headers,
        });
      }
      case "raw":
        return new Response(step.body, {
          status: step.status,
          headers: {
            "content-type": step.contentType ?? "text/html",
            "request-id": requestId,
            ...step.headers,
          },
        });
    }
  }

  const server = Bun.serve({
    port: options.port ?? 0,
    hostname: options.hostname ?? "127.0.0.1",
    // Scripted delays must outlast client timeouts without Bun cutting the connection first.
    idleTimeout: 120,
    async fetch(req) {
      counter++;
      const requestId = `req_01Fake${pad(counter)}`;
      const url = new URL(req.url);
      const rawBody = await req.text();
      let body: Record<string, unknown> | null = null;
      try {
        const parsed = JSON.parse(rawBody) as unknown;
        if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) {
          body = parsed as Record<string, unknown>;
        }
      } catch {
        body = null;
      }
      const recorded: RecordedRequest = {
        seq: requests.length + 1,
        method: req.method,
        path: url.pathname,
        headers: Object.fromEntries(req.headers.entries()),
        body,
        rawBody,
      };
      requests.push(recorded);

      if (req.method !== "POST" || url.pathname !== "/v1/messages") {
        return respond(404, errorBody(404, requestId), requestId);
      }
      const problem =
        checkHeaders(req.headers, options.apiKey ?? null) ??
        (body === null
          ? {
              status: 400 as const,
              type: "invalid_request_error" as const,
              message: "There was an error parsing the body of your request as JSON.",
            }
          : checkBody(body));
      if (problem)
        return respond(
          problem.status,
          errorBody(problem.status, requestId, problem.type, problem.message),
          requestId,
        );

      const script = queue.shift() ?? options.otherwise;
      if (!script) {
        return respond(
          500,
          errorBody(500, requestId, "api_error", "fake: no response scripted for this request"),
          requestId,
        );
      }
      const step = typeof script === "function" ? script(recorded) : script;
      if (step.delayMs) {
        await sleep(step.delayMs, req.signal);
        if (req.signal.aborted) return new Response(null, { status: 499 });
      }
      return answer(step, recorded, requestId);
    },
  });

  const port = server.port ?? 0;
  return {
    url: `http://${options.hostname ?? "127.0.0.1"}:${port}`,
    port,
    requests,
    script: (...steps) => {
      queue.push(...steps);
    },
    pending: () => queue.length,
    reset: () => {
      queue.length = 0;
      requests.length = 0;
    },
    close: async () => {
      await server.stop(true);
    },
  };
}
