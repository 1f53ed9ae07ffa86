import { type DefinitionNode, Kind } from "graphql";
import type { Plugin } from "graphql-yoga";
import type { ReadModelVersion } from "./read-model-version.ts";

/**
 * After a mutation the remembered read-model version is forgotten. Mutations that write (pause,
 * resume, close, a scan, notification settings) wait for the engine to project what they appended,
 * so the checkpoints have moved by the time they answer; on PostgreSQL the trigger's NOTIFY reaches
 * this process a moment later, and a query sent right after the mutation must not be served from
 * the cache in between.
 */
export const invalidateAfterMutationPlugin = (versions: ReadModelVersion): Plugin => ({
  onExecute({ args }) {
    const mutation = args.document.definitions.some(
      (d: DefinitionNode) => d.kind === Kind.OPERATION_DEFINITION && d.operation === "mutation",
    );
    if (!mutation) return;
    return {
      onExecuteDone() {
        versions.invalidate();
      },
    };
  },
});
