-- Sign-in: the account by e-mail, in any case
-- The login is lower-cased in Java and looked up on `email_key` (unique index `users_email_key_unique`).
select u1_0.id, u1_0.created_at, u1_0.email, u1_0.email_key, u1_0.email_verified, u1_0.name, u1_0.password_hash
from users u1_0 where u1_0.email_key = :login fetch first :one rows only
