import type { z } from "zod";

/**
 * One event type, declared once: its name, its current schema version, and how to read the
 * versions before it. Stored events are immutable, so a schema change is a new version plus an
 * upcaster from the old one, never an edit of what is stored.
 */
export interface EventDefinition<Type extends string = string, Schema extends z.ZodType = z.ZodType> {
  readonly type: Type;
  readonly version: number;
  readonly schema: Schema;
  /** upcasters[n] turns data stored at version n into version n + 1. */
  readonly upcasters: Readonly<Record<number, (data: unknown) => unknown>>;
}

export function defineEvent<Type extends string, Schema extends z.ZodType>(definition: {
  type: Type;
  version: number;
  schema: Schema;
  upcasters?: Record<number, (data: unknown) => unknown>;
}): EventDefinition<Type, Schema> {
  for (let v = 1; v < definition.version; v++) {
    if (!definition.upcasters?.[v]) throw new Error(`${definition.type}: no upcaster from version ${v}`);
  }
  return Object.freeze({ ...definition, upcasters: Object.freeze({ ...(definition.upcasters ?? {}) }) });
}
