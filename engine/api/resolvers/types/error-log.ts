import type { ErrorLogRow } from "../../../projections/error-logs/projection.ts";

export const ErrorLog = {
  at: (e: ErrorLogRow) => e.timestamp,
  source: (e: ErrorLogRow) => e.endpoint,
  message: (e: ErrorLogRow) => e.error_message,
  stack: (e: ErrorLogRow) => e.stack_trace,
  context: (e: ErrorLogRow) => e.context ?? {},
};
