import { catalog, isEventType } from "../../events/catalog/index.ts";
import { type DomainEvent, decodeEvent } from "../../events/codec.ts";
import type { StoredEvent } from "../../events/store/types.ts";

/**
 * decodeEvent for a replay, which owns the StoredEvent it is given (fresh from the reader, seen by
 * nobody else): the common case — a known type at its current version whose data passes its
 * schema — is checked with the same zod schema and the parsed data is put in place, with no copy
 * of the event and no error text prepared in advance. Anything else (unknown type, old version to
 * upcast, schema failure) goes through decodeEvent itself, so upcasting and every error, with
 * the event named, are exactly the codec's.
 */
export function decodeOwned(stored: StoredEvent): DomainEvent {
  if (!isEventType(stored.type)) return decodeEvent(stored);
  const definition = catalog[stored.type];
  if (stored.version !== definition.version) return decodeEvent(stored);
  const result = definition.schema.safeParse(stored.data);
  if (!result.success) return decodeEvent(stored);
  stored.data = result.data;
  return stored as DomainEvent;
}
