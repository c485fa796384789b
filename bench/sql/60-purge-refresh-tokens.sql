-- Housekeeping: one batch of expired refresh tokens
-- Index `refresh_tokens_expires_at_idx`; at most one batch of rows, skipping rows others hold.
DELETE FROM refresh_tokens WHERE id IN (
  SELECT id FROM refresh_tokens WHERE expires_at < :cutoff LIMIT :batch FOR UPDATE SKIP LOCKED)
