import { catalog, type EventData, type EventInput, type EventType, isEventType } from "./catalog/index.ts";
import type { EventDefinition } from "./define.ts";
import { EventSchemaError, UnknownEventTypeError } from "./store/errors.ts";
import { formatPosition, type StoredEvent } from "./store/types.ts";

/** A stored event whose data has been checked against, and upcast to, its current schema. */
export type RecordedEvent<T extends EventType = EventType> = Omit<
  StoredEvent,
  "type" | "data" | "version"
> & {
  type: T;
  version: number;
  data: EventData<T>;
};

/** The union of every recorded event: switch on `type` and the data narrows. */
export type DomainEvent = { [T in EventType]: RecordedEvent<T> }[EventType];

function issuesOf(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string[] {
  return error.issues.map((i) => `${i.path.map(String).join(".") || "(root)"}: ${i.message}`);
}

/** Validates data for a new event of `type` and returns it in its stored (parsed) form. */
export function encodeData<T extends EventType>(type: T, data: EventInput<T>, eventId: string): EventData<T> {
  const definition: EventDefinition = catalog[type];
  const result = definition.schema.safeParse(data);
  if (!result.success)
    throw new EventSchemaError(eventId, type, definition.version, "append", issuesOf(result.error));
  return result.data as EventData<T>;
}

/**
 * Reads a stored event into its typed form: unknown types and schema failures throw, naming the
 * event; older versions are upcast step by step to the current one.
 */
export function decodeEvent(stored: StoredEvent): DomainEvent {
  const where = `position ${formatPosition(stored.position)} (stream ${stored.streamId} v${stored.streamVersion})`;
  if (!isEventType(stored.type)) throw new UnknownEventTypeError(stored.id, stored.type, where);
  const definition: EventDefinition = catalog[stored.type];
  if (stored.version > definition.version || stored.version < 1) {
    throw new EventSchemaError(stored.id, stored.type, stored.version, where, [
      `version ${stored.version} is not known (current is ${definition.version})`,
    ]);
  }
  let data = stored.data;
  for (let v = stored.version; v < definition.version; v++) {
    const upcast = definition.upcasters[v];
    if (!upcast)
      throw new EventSchemaError(stored.id, stored.type, v, where, [`no upcaster from version ${v}`]);
    data = upcast(data);
  }
  const result = definition.schema.safeParse(data);
  if (!result.success)
    throw new EventSchemaError(stored.id, stored.type, stored.version, where, issuesOf(result.error));
  return { ...stored, version: definition.version, data: result.data } as DomainEvent;
}
