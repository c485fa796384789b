-- How each session's user proved who they are (the access token's auth_time, aal and amr
-- claims): written at the sign-in, raised only by a second step on the same session, and
-- copied, never raised, by a refresh. Sessions from before had a password only.
ALTER TABLE sessions
    ADD COLUMN auth_time timestamptz,
    ADD COLUMN aal       smallint    NOT NULL DEFAULT 1,
    ADD COLUMN amr       varchar(64) NOT NULL DEFAULT 'pwd';
UPDATE sessions SET auth_time = created_at;
ALTER TABLE sessions ALTER COLUMN auth_time SET NOT NULL;

-- One authenticator app per account. The secret is sealed (AES-GCM, a key derived from
-- AUTH_DATA_SECRET). Until confirmed_at is set it is pending: it expires at pending_until,
-- and failed_confirmations counts the wrong codes given to confirm it. last_step is the
-- RFC 6238 time step of the last code accepted: a code is accepted only for a later step
-- (one atomic update), so no code works twice.
CREATE TABLE totp_factors (
    user_id              uuid        PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    secret_sealed        bytea       NOT NULL,
    created_at           timestamptz NOT NULL,
    pending_until        timestamptz,
    confirmed_at         timestamptz,
    failed_confirmations integer     NOT NULL DEFAULT 0,
    last_step            bigint
);

-- Recovery codes, only as HMACs; a code is deleted when it is used.
CREATE TABLE recovery_codes (
    user_id   uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash bytea       NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (user_id, code_hash)
);

-- The second step of a sign-in (or of a reset): an mfa_token, known only by its SHA-256,
-- single use, short-lived, with its own count of wrong codes. It carries what the first step
-- proved: its methods (amr) and when (created_at, the auth_time the session will have).
CREATE TABLE mfa_challenges (
    token_hash  bytea       PRIMARY KEY,
    user_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    failures    integer     NOT NULL DEFAULT 0,
    used_at     timestamptz,
    amr         varchar(64) NOT NULL
);
CREATE INDEX mfa_challenges_user_id_idx ON mfa_challenges (user_id);
CREATE INDEX mfa_challenges_expires_at_idx ON mfa_challenges (expires_at);
