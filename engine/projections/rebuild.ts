import type { Database } from "../db/database.ts";
import { allProjections } from "./index.ts";
import type { TableProjection } from "./projection.ts";
import { Projector } from "./projector.ts";

/**
 * `replay`: empties every read table and rebuilds it from the whole log. Fails loudly, naming the
 * event, if the log holds an unknown type or an event that breaks its schema.
 */
export async function rebuildAll(
  db: Database,
  options: {
    schema?: string;
    batchSize?: number;
    projections?: readonly TableProjection[];
    onBatch?: (n: number) => void;
  } = {},
): Promise<{ events: number }> {
  const projector = new Projector(db, options.projections ?? allProjections, {
    schema: options.schema,
    batchSize: options.batchSize ?? 5000,
    onBatch: (b) => options.onBatch?.(b.events),
  });
  return { events: await projector.rebuild() };
}
