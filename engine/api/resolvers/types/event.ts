import { type DomainEvent, decodeEvent } from "../../../../events/codec.ts";
import { formatPosition, type StoredEvent } from "../../../../events/store/types.ts";

/** Decoded (and upcast) once per event; an event this build cannot read is shown raw. */
const decoded = new WeakMap<StoredEvent, DomainEvent | null>();

function decode(e: StoredEvent): DomainEvent | null {
  if (!decoded.has(e)) {
    let d: DomainEvent | null = null;
    try {
      d = decodeEvent(e);
    } catch {
      d = null;
    }
    decoded.set(e, d);
  }
  return decoded.get(e) ?? null;
}

export const Event = {
  position: (e: StoredEvent) => formatPosition(e.position),
  version: (e: StoredEvent) => decode(e)?.version ?? e.version,
  data: (e: StoredEvent) => decode(e)?.data ?? e.data,
  correlationId: (e: StoredEvent) => e.metadata.correlationId,
  causationId: (e: StoredEvent) => e.metadata.causationId,
  actor: (e: StoredEvent) => e.metadata.actor,
  occurredAt: (e: StoredEvent) => e.metadata.occurredAt,
};
