-- Housekeeping: one batch of expired sessions
-- Index `sessions_expires_at_idx`.
DELETE FROM sessions WHERE id IN (
  SELECT id FROM sessions WHERE expires_at < :cutoff LIMIT :batch FOR UPDATE SKIP LOCKED)
