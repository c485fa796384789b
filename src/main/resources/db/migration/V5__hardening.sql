-- An address's lower-case form can be longer than the address (İ lowers to two characters):
-- the key has no length limit of its own (the address keeps its 254).
ALTER TABLE users ALTER COLUMN email_key TYPE text;
-- Unverified accounts are deleted after a while: found by this index.
CREATE INDEX users_unverified_created_at_idx ON users (created_at) WHERE NOT email_verified;

-- A session's current refresh token, sealed, for the reuse grace window after the rotation
-- that issued it (a replay gets it back instead of a new branch).
ALTER TABLE refresh_tokens ADD COLUMN token_sealed bytea;
CREATE INDEX refresh_tokens_sealed_idx ON refresh_tokens (created_at) WHERE token_sealed IS NOT NULL;

-- Mail that became worthless (its code expired) or can never be delivered is dropped, not
-- retried; never-tried mail goes first, so retries never starve fresh mail.
ALTER TABLE mail_outbox ADD COLUMN expires_at timestamptz, ADD COLUMN dropped_at timestamptz,
    ADD COLUMN drop_reason varchar(32);
DROP INDEX mail_outbox_due_idx;
CREATE INDEX mail_outbox_due_idx ON mail_outbox (attempts, next_attempt_at) WHERE sent_at IS NULL AND dropped_at IS NULL;
CREATE INDEX mail_outbox_expires_at_idx ON mail_outbox (expires_at) WHERE sent_at IS NULL AND dropped_at IS NULL;
CREATE INDEX mail_outbox_dropped_at_idx ON mail_outbox (dropped_at) WHERE dropped_at IS NOT NULL;
