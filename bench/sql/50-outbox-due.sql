-- Outbox: the next due mail
-- Partial index `mail_outbox_due_idx` on `next_attempt_at` where `sent_at IS NULL`: sent mail never enters it.
SELECT * FROM mail_outbox
WHERE sent_at IS NULL AND next_attempt_at <= now()
ORDER BY next_attempt_at
LIMIT :limit
FOR UPDATE SKIP LOCKED
