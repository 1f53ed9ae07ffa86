-- Notifications (engine/notify). notification_preferences is a projection of
-- NotificationPreferencesSet; the other two tables are the notifier's own bookkeeping, like
-- projection_checkpoints: where each channel has read the log up to, and what quiet hours held back.

-- The seed's notification_preferences: per account and channel, which kinds and a quiet window.
-- No row: the channel's defaults (every kind, no quiet hours). Destinations are never stored here.
CREATE TABLE notification_preferences (
  account_id text NOT NULL,
  channel text NOT NULL,                    -- 'slack' | 'discord' | 'telegram' | 'webhook'
  enabled boolean NOT NULL,
  kinds jsonb NOT NULL,                     -- ["trade", "stop_loss", ...]
  quiet_start text,                         -- 'HH:MM' local (TZ), null: no quiet hours
  quiet_end text,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (account_id, channel)
);

-- Each channel's cursor in the global log, moved after every event it has dealt with.
CREATE TABLE notifier_checkpoints (
  account_id text NOT NULL,
  channel text NOT NULL,
  transaction_id xid8 NOT NULL,
  global_position bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, channel)
);

-- Notifications held back by quiet hours, sent when the window ends (then deleted).
CREATE TABLE notification_deferred (
  account_id text NOT NULL,
  channel text NOT NULL,
  event_id text NOT NULL,
  release_at timestamptz NOT NULL,
  notification jsonb NOT NULL,              -- the channel-neutral message: no destination, no secret
  PRIMARY KEY (account_id, channel, event_id)
);
CREATE INDEX notification_deferred_release ON notification_deferred (account_id, channel, release_at);
