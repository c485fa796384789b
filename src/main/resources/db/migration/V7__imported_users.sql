-- Users brought from another application (import-users). imported_at is when the import that
-- last wrote the account ran (one value per run); NULL for accounts made here by sign-up.
-- An import keeps the account's original created_at, which may be years old: the purge of
-- unverified accounts counts from when the account arrived here, coalesce(imported_at,
-- created_at), so an imported unverified account gets the same time to verify as a new one.
-- (A nullable column without a default: no table rewrite.)
ALTER TABLE users ADD COLUMN imported_at timestamptz;
DROP INDEX users_unverified_created_at_idx;
CREATE INDEX users_unverified_arrived_at_idx ON users ((coalesce(imported_at, created_at))) WHERE NOT email_verified;

-- Imported hashes can be longer than ours: Django's Argon2 with a 64-byte salt and hash is
-- about 215 characters, and LegacyHashes accepts up to 256. (Raising a varchar's limit is a
-- catalogue change, no rewrite.)
ALTER TABLE users ALTER COLUMN password_hash TYPE varchar(256);
