-- The cost signature of a stored password hash: its format and cost parameters, without salt
-- and hash ('pbkdf2_sha256$600000', 'bcrypt$$2b$12', '$argon2id$v=19$m=19456,t=2,p=1'), NULL
-- for a value of no accepted format. A failed password check is made to last as long as
-- checking the dearest hash still stored, so that timing tells neither an account's hash
-- format nor whether the account exists; the service reads the distinct signatures through
-- this index, one index probe per signature. Plain string functions, no regular expression:
-- a few microseconds per row written. (An expression index: no table rewrite.)
CREATE FUNCTION password_cost_strip(h text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN left(h, length(h) - position('$' IN reverse(h)));
CREATE FUNCTION password_cost(hash text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE
        -- bcrypt keeps its salt and hash in one last field
        WHEN hash LIKE '$2_$%' OR hash LIKE 'bcrypt$$%' OR hash LIKE 'bcrypt\_sha256$$%' THEN password_cost_strip(hash)
        WHEN hash LIKE 'pbkdf2\_sha%$%' OR hash LIKE 'argon2$%' OR hash LIKE '$argon2id$%'
            THEN password_cost_strip(password_cost_strip(hash))
    END;
CREATE INDEX users_password_cost_idx ON users (password_cost(password_hash));
