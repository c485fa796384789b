-- One-time codes for every purpose: verifying the address, resetting a forgotten password
-- (keyed by the address, so an address with no account behaves like one with an account),
-- and changing the address (the new address waits here until its code comes back).
ALTER TABLE verification_codes DROP CONSTRAINT verification_codes_pkey;
ALTER TABLE verification_codes
    ADD COLUMN code_key      varchar(100),
    ADD COLUMN purpose       varchar(16),
    ADD COLUMN new_email     varchar(254),
    ADD COLUMN new_email_key text;
UPDATE verification_codes SET purpose = 'verify_email', code_key = 'verify_email:' || user_id;
ALTER TABLE verification_codes
    ALTER COLUMN code_key SET NOT NULL,
    ALTER COLUMN purpose SET NOT NULL,
    ALTER COLUMN user_id DROP NOT NULL,
    ALTER COLUMN code_hash DROP NOT NULL;
ALTER TABLE verification_codes ADD PRIMARY KEY (code_key);
CREATE INDEX verification_codes_user_id_idx ON verification_codes (user_id);

-- What a session's list shows: the client of the sign-in or refresh that issued each refresh
-- token, written with the token (the refresh path makes no extra write for it).
ALTER TABLE refresh_tokens ADD COLUMN user_agent varchar(256), ADD COLUMN ip varchar(64);
CREATE INDEX sessions_user_live_idx ON sessions (user_id) WHERE revoked_at IS NULL;
CREATE INDEX refresh_tokens_session_current_idx ON refresh_tokens (session_id) WHERE rotated_at IS NULL;
