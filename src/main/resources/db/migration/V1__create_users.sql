-- Accounts. email keeps the address as typed (trimmed); email_key is its lower-case form,
-- unique, so addresses are unique without regard to case and found by one index lookup.
CREATE TABLE users (
    id             uuid         PRIMARY KEY,
    email          varchar(254) NOT NULL,
    email_key      varchar(254) NOT NULL,
    name           varchar(150) NOT NULL,
    password_hash  varchar(200) NOT NULL,
    email_verified boolean      NOT NULL DEFAULT false,
    created_at     timestamptz  NOT NULL,
    CONSTRAINT users_email_key_unique UNIQUE (email_key)
);
