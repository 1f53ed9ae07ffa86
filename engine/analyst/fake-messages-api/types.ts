/** What a test can make the fake Messages API do, one step per request. */

export interface RecordedRequest {
  /** 1-based, in arrival order (retries by the SDK are separate requests). */
  seq: number;
  method: string;
  path: string;
  headers: Record<string, string>;
  /** The parsed JSON body, or null when it was not JSON. */
  body: Record<string, unknown> | null;
  rawBody: string;
}

export interface UsageOverride {
  input_tokens?: number;
  output_tokens?: number;
  cache_creation_input_tokens?: number;
  cache_read_input_tokens?: number;
}

interface StepBase {
  /** Wait this long before answering (the client may time out first). */
  delayMs?: number;
  /** Extra or replacement response headers. */
  headers?: Record<string, string>;
}

export type Step =
  /** A tool_use answer: what a model forced by tool_choice returns. */
  | (StepBase & {
      kind: "tool";
      input: unknown;
      /** Defaults to the tool named by the request's tool_choice (or its first tool). */
      name?: string;
      /** A text block before the tool call, as models sometimes add. */
      preamble?: string;
      usage?: UsageOverride;
      stopReason?: string;
      model?: string;
    })
  /** Plain text instead of a tool call. */
  | (StepBase & { kind: "text"; text: string; usage?: UsageOverride; stopReason?: string; model?: string })
  /** An API error with the real body shape, e.g. 429 rate_limit_error or 529 overloaded_error. */
  | (StepBase & {
      kind: "error";
      status: number;
      /** Defaults from the status: 400 invalid_request_error, 401 authentication_error, 429 rate_limit_error, 529 overloaded_error… */
      type?: string;
      message?: string;
      /** retry-after (whole seconds, as Anthropic sends it). */
      retryAfterSeconds?: number;
      /** retry-after-ms (the SDK prefers it; lets tests retry fast). */
      retryAfterMs?: number;
    })
  /** Anything at all, for broken proxies: a body that is not JSON, an HTML error page… */
  | (StepBase & { kind: "raw"; status: number; body: string; contentType?: string });

/** A fixed step, or one computed from the request (e.g. to obey an injected instruction). */
export type Script = Step | ((request: RecordedRequest) => Step);
