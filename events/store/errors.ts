import type { ExpectedVersion } from "./types.ts";

/** The stream was not at the version the writer expected. Nothing was written. */
export class ConcurrencyError extends Error {
  override readonly name = "ConcurrencyError";
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super(`stream ${streamId}: expected version ${String(expected)}, but it is at ${actual}`);
  }
}

/** A stored event whose type the catalog does not know. Never skipped silently. */
export class UnknownEventTypeError extends Error {
  override readonly name = "UnknownEventTypeError";
  constructor(
    readonly eventId: string,
    readonly eventType: string,
    readonly where: string,
  ) {
    super(`event ${eventId} at ${where} has unknown type ${JSON.stringify(eventType)}`);
  }
}

/** A stored (or about-to-be-stored) event whose data does not match its schema. */
export class EventSchemaError extends Error {
  override readonly name = "EventSchemaError";
  constructor(
    readonly eventId: string,
    readonly eventType: string,
    readonly eventVersion: number,
    readonly where: string,
    readonly issues: string[],
  ) {
    super(
      `event ${eventId} (${eventType} v${eventVersion}) at ${where} fails its schema: ${issues.join("; ")}`,
    );
  }
}
