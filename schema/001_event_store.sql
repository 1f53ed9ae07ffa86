-- The event log: the only source of truth. Every table in 002+ is a projection of it.
CREATE TABLE events (
  -- Order of insertion. Alone it is NOT a safe cursor: a slower transaction can commit a lower
  -- position after a higher one is visible. Readers order by (transaction_id, global_position).
  global_position bigserial PRIMARY KEY,
  event_id uuid NOT NULL,
  stream_id text NOT NULL,
  stream_version integer NOT NULL CHECK (stream_version > 0),
  event_type text NOT NULL,
  event_version smallint NOT NULL CHECK (event_version > 0),
  data jsonb NOT NULL,
  metadata jsonb NOT NULL,
  transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  -- Idempotency is a constraint, not a cache: the same fact appended twice is stored once.
  CONSTRAINT events_event_id_unique UNIQUE (event_id),
  -- Optimistic concurrency: two writers cannot both take version N of a stream.
  CONSTRAINT events_stream_version_unique UNIQUE (stream_id, stream_version)
);

-- The global read path: WHERE (transaction_id, global_position) > cursor AND transaction_id < horizon.
CREATE INDEX events_global_order ON events (transaction_id, global_position);
-- Audit browsing by type.
CREATE INDEX events_type_order ON events (event_type, global_position);
-- A trade's story is every event that shares its correlation id.
CREATE INDEX events_correlation ON events ((metadata ->> 'correlationId'));

-- Events never change and are never removed.
CREATE FUNCTION events_are_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'events are immutable: % is not allowed on the event log', TG_OP
    USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER events_no_update_or_delete BEFORE UPDATE OR DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION events_are_immutable();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION events_are_immutable();

-- Where each projection has read up to, written in the same transaction as its rows.
CREATE TABLE projection_checkpoints (
  projection text PRIMARY KEY,
  projection_version integer NOT NULL,
  transaction_id xid8 NOT NULL,
  global_position bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
