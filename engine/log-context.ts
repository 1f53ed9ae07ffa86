/**
 * Fields every log line carries while some work runs: the job and its run, and the correlation id
 * of the events that work appends. Kept in AsyncLocalStorage so code deep inside a job logs through
 * the same Logger it always had, and its lines still say which run and which causal chain they
 * belong to.
 */
import { AsyncLocalStorage } from "node:async_hooks";

export type LogContextFields = Record<string, string | number | boolean>;

const storage = new AsyncLocalStorage<LogContextFields>();

/** Runs `fn` with `fields` added to every log line written inside it (nested contexts add up). */
export function withLogContext<T>(fields: LogContextFields, fn: () => T): T {
  return storage.run({ ...storage.getStore(), ...fields }, fn);
}

/** The fields in force here, for the logger. */
export function logContext(): LogContextFields {
  return storage.getStore() ?? {};
}

/**
 * Adds fields to the context in force from now on (e.g. the correlation id of events just
 * appended); outside any context it does nothing.
 */
export function noteLogContext(fields: LogContextFields): void {
  const store = storage.getStore();
  if (store) Object.assign(store, fields);
}
