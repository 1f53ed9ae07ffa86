import { type DocumentNode, type ExecutionResult, Kind, visit } from "graphql";
import { isAsyncIterable, type Plugin } from "graphql-yoga";
import type { ApiContext } from "./context.ts";
import type { ReadModelVersion } from "./read-model-version.ts";

/**
 * Root fields whose whole answer is a function of the read tables, the arguments and the account:
 * no clock (unlike `overview`, whose pause state and day window move with time), no event log, no
 * engine call. Only these are cached whole; add one only after checking every field below it.
 */
const CACHEABLE_ROOTS = new Set(["trades"]);
/** Fields that read outside the versioned tables: `story` reads the event log itself. */
const UNCACHEABLE_FIELDS = new Set(["story"]);

/** Whether every root field of the query is cacheable and nothing below reads the log. */
export function cacheable(document: DocumentNode): boolean {
  let ok = true;
  for (const def of document.definitions) {
    if (def.kind !== Kind.OPERATION_DEFINITION) continue;
    if (def.operation !== "query") return false;
    for (const s of def.selectionSet.selections)
      if (s.kind !== Kind.FIELD || !CACHEABLE_ROOTS.has(s.name.value)) return false;
  }
  visit(document, {
    [Kind.FIELD](node) {
      if (UNCACHEABLE_FIELDS.has(node.name.value)) ok = false;
    },
    // A fragment spread could hide anything: only inline selections are judged.
    [Kind.FRAGMENT_SPREAD]() {
      ok = false;
    },
  });
  return ok;
}

/**
 * The executed result of the dashboard's trades page, cached by read-model version and account:
 * building 50 trades field by field was most of a request's CPU, and the rows beneath it are
 * already cached (read-cache.ts), so the result is exactly what executing again would give until
 * a checkpoint moves. Only while the version is remembered (LISTEN is up); results with errors
 * are never kept.
 */
export function resultCachePlugin(versions: ReadModelVersion, maxEntries = 64): Plugin<ApiContext> {
  const documents = new WeakMap<DocumentNode, number | null>();
  let nextId = 0;
  const entries = new Map<string, { version: string; result: ExecutionResult }>();
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      if (!versions.listening) return;
      let id = documents.get(args.document);
      if (id === undefined) {
        id = cacheable(args.document) ? nextId++ : null;
        documents.set(args.document, id);
      }
      if (id === null) return;
      const ctx = args.contextValue as ApiContext;
      const key = JSON.stringify([ctx.accountId, id, args.operationName ?? null, args.variableValues ?? {}]);
      const version = await ctx.readVersion();
      const hit = entries.get(key);
      if (hit && hit.version === version) {
        entries.delete(key);
        entries.set(key, hit);
        setResultAndStopExecution(hit.result);
        return;
      }
      return {
        onExecuteDone({ result }) {
          if (isAsyncIterable(result) || result.errors?.length) return;
          entries.set(key, { version, result });
          while (entries.size > maxEntries) {
            const oldest = entries.keys().next().value;
            if (oldest === undefined) break;
            entries.delete(oldest);
          }
        },
      };
    },
  };
}
