import { randomUUID } from "node:crypto";
import type { EventMetadata, NewEvent } from "../../events/store/types.ts";

export const testMetadata = (over: Partial<EventMetadata> = {}): EventMetadata => ({
  correlationId: "00000000-0000-4000-8000-000000000000",
  causationId: null,
  actor: "system",
  occurredAt: "2026-11-24T08:00:00.000Z",
  accountId: "test",
  ...over,
});

/** A raw event for store-level tests (the store itself does not check types; the codec does). */
export function rawEvent(n = 0, over: Partial<NewEvent> = {}): NewEvent {
  return {
    id: randomUUID(),
    type: "TestHappened",
    version: 1,
    data: { n },
    metadata: testMetadata(),
    ...over,
  };
}

export const rawEvents = (count: number, start = 0): NewEvent[] =>
  Array.from({ length: count }, (_, i) => rawEvent(start + i));
