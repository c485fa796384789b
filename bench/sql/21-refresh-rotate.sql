-- Refresh: rotation (mark the old token, insert the new one)
-- Primary-key update and an insert into the indexed table, in one statement.
WITH rotated AS (UPDATE refresh_tokens SET rotated_at = :now, token_sealed = NULL
                 WHERE id = :rotated AND rotated_at IS NULL)
INSERT INTO refresh_tokens (id, session_id, token_hash, created_at, expires_at, token_sealed, user_agent, ip)
VALUES (:id, :session, :new_hash, :now, :expires, :sealed, :user_agent, :ip)
