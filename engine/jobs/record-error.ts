import type { EventStore } from "../../events/event-store.ts";

/** Replaces every known secret value wherever it appears (stack traces, messages, context). */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  return secrets.filter((s) => s.length >= 4).reduce((t, s) => t.split(s).join("[redacted]"), text);
}

/**
 * Something went wrong and the cycle goes on: the failure becomes an ErrorRecorded event (the
 * seed's error_logs), with secrets removed. Recording must never throw into the caller's path.
 */
export async function recordError(
  store: EventStore,
  secrets: readonly string[],
  source: string,
  error: unknown,
  context: Record<string, unknown> = {},
  correlationId?: string,
): Promise<void> {
  const e = error instanceof Error ? error : new Error(String(error));
  const errorId = store.context.ids.next();
  try {
    const safeContext = JSON.parse(
      redactSecrets(JSON.stringify({ ...context, errorName: e.name }), secrets),
    ) as Record<string, unknown>;
    await store.append(
      `error-${errorId}`,
      [
        {
          type: "ErrorRecorded",
          id: errorId,
          data: {
            errorId,
            source,
            message: redactSecrets(e.message || e.name, secrets),
            stack: e.stack ? redactSecrets(e.stack, secrets) : null,
            context: safeContext,
          },
        },
      ],
      { correlationId },
    );
  } catch {
    // The database itself may be what failed; the log line written by the caller still stands.
  }
}
