-- Logout, reuse and verification: the session by id, locked
-- Primary key of `sessions`.
select s1_0.id, s1_0.aal, s1_0.amr, s1_0.auth_time, s1_0.created_at, s1_0.expires_at, s1_0.revoke_reason, s1_0.revoked_at, s1_0.user_id
from sessions s1_0 where s1_0.id = :session_id for no key update of s1_0
