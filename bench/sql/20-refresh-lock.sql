-- Refresh: the token, its session and its account, locked
-- One round trip: unique index on `token_hash`, then the primary keys of `sessions` and `users`.
SELECT t.id, t.expires_at, t.rotated_at, s.id, s.expires_at, s.revoked_at, u.id, u.email, u.email_verified,
       s.auth_time, s.aal, s.amr
FROM refresh_tokens t
JOIN sessions s ON s.id = t.session_id
JOIN users u ON u.id = s.user_id
WHERE t.token_hash = :hash
FOR UPDATE OF t, s
