-- Outbox: the next due mail, never-tried mail first
-- Partial index `mail_outbox_due_idx` on `(attempts, next_attempt_at)` where neither sent nor dropped: done mail never enters it.
SELECT * FROM mail_outbox
WHERE sent_at IS NULL AND dropped_at IS NULL AND next_attempt_at <= now()
ORDER BY attempts, next_attempt_at
LIMIT :limit
FOR UPDATE SKIP LOCKED
