-- Read-model change notifications for the API's read cache (engine/api/read-model-version.ts).
-- Every read table moves with its projection's checkpoint in one transaction, so a NOTIFY when
-- projection_checkpoints changes tells every API process, whoever the writer was (this engine's
-- projector, another engine, `cli replay`), that its cached version is out of date. NOTIFY is
-- delivered at commit and deduplicated per transaction: one message per projector batch.
CREATE FUNCTION notify_read_models_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('conviction_read_models', '');
  RETURN NULL;
END;
$$;

CREATE TRIGGER projection_checkpoints_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON projection_checkpoints
  FOR EACH STATEMENT EXECUTE FUNCTION notify_read_models_changed();
