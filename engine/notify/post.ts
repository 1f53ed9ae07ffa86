import type { OutgoingRequest } from "./channels/target.ts";

/**
 * A failed delivery. The message never contains the URL (it holds the webhook secret or the bot
 * token): only the status and the start of what the service answered.
 */
export class DeliveryError extends Error {
  override readonly name = "DeliveryError";
  constructor(
    message: string,
    /** HTTP status, or null when no response came (network error, timeout). */
    readonly status: number | null,
    /** false: sending the same request again cannot succeed (bad URL, 4xx other than 408/429). */
    readonly retryable: boolean,
    /** From Retry-After on a 429, in ms. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}

export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

function retryAfterMs(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : null;
}

/** One POST of a JSON body. Resolves on any 2xx; throws DeliveryError otherwise. */
export async function postJson(
  fetchFn: Fetch,
  request: OutgoingRequest,
  timeoutMs: number,
  /** Shutdown: abandons a request in flight (it is sent again after the restart). */
  cancel?: AbortSignal,
): Promise<void> {
  let response: Response;
  try {
    response = await fetchFn(request.url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "conviction-notifier" },
      body: JSON.stringify(request.body),
      signal: cancel
        ? AbortSignal.any([AbortSignal.timeout(timeoutMs), cancel])
        : AbortSignal.timeout(timeoutMs),
      redirect: "error",
    });
  } catch (error) {
    // Runtime messages for network errors can quote the URL: keep only the kind of failure.
    const e = error as { name?: string; code?: string };
    const what =
      e.name === "TimeoutError" ? `timed out after ${timeoutMs} ms` : (e.code ?? e.name ?? "error");
    throw new DeliveryError(`no response: ${what}`, null, true);
  }
  if (response.ok) {
    await response.body?.cancel().catch(() => {});
    return;
  }
  const body = (await response.text().catch(() => "")).slice(0, 300);
  const status = response.status;
  const retryable = status >= 500 || status === 408 || status === 429;
  throw new DeliveryError(
    `HTTP ${status}${body ? `: ${body}` : ""}`,
    status,
    retryable,
    status === 429 ? retryAfterMs(response.headers.get("retry-after")) : null,
  );
}
