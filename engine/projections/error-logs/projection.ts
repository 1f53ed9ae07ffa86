import { defineProjection } from "../projection.ts";

export interface ErrorLogRow extends Record<string, unknown> {
  id: string;
  account_id: string;
  timestamp: string;
  endpoint: string;
  error_message: string;
  stack_trace: string | null;
  context: unknown;
}

/** Errors recorded by any part of the engine: the seed's `error_logs`. */
export const errorLogsProjection = defineProjection<ErrorLogRow>({
  name: "error_logs",
  version: 1,
  table: "error_logs",
  primaryKey: ["id"],
  handles: ["ErrorRecorded"],
  keyOf: (e) => (e.type === "ErrorRecorded" ? [e.data.errorId] : null),
  evolve(row, event) {
    if (event.type !== "ErrorRecorded") return row;
    return {
      id: event.data.errorId,
      account_id: event.metadata.accountId,
      timestamp: event.metadata.occurredAt,
      endpoint: event.data.source,
      error_message: event.data.message,
      stack_trace: event.data.stack,
      context: event.data.context,
    };
  },
});
