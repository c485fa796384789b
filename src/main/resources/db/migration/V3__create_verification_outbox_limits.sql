-- The current e-mail verification code of an account, as an HMAC only. A new code
-- replaces the row (and so invalidates the old code); a used code deletes it.
CREATE TABLE verification_codes (
    user_id    uuid        PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    code_hash  bytea       NOT NULL,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    attempts   integer     NOT NULL DEFAULT 0
);

-- Mail to send, written in the same transaction as what promised it. payload is sealed
-- (AES-GCM) and erased once the mail is sent. Senders take due rows with
-- FOR UPDATE SKIP LOCKED, so several instances never send one mail twice.
CREATE TABLE mail_outbox (
    id              uuid         PRIMARY KEY,
    kind            varchar(32)  NOT NULL,
    recipient       varchar(254) NOT NULL,
    payload         bytea,
    created_at      timestamptz  NOT NULL,
    next_attempt_at timestamptz  NOT NULL,
    attempts        integer      NOT NULL DEFAULT 0,
    sent_at         timestamptz,
    last_error      varchar(200)
);
CREATE INDEX mail_outbox_due_idx ON mail_outbox (next_attempt_at) WHERE sent_at IS NULL;

-- Fixed-window counters shared by every instance (sign-in, sign-up and mail limits).
CREATE TABLE rate_limits (
    bucket       varchar(300) PRIMARY KEY,
    window_start timestamptz  NOT NULL,
    hits         integer      NOT NULL
);
