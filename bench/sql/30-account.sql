-- Account: the user by id
-- Primary key of `users`.
select u1_0.id, u1_0.created_at, u1_0.email, u1_0.email_key, u1_0.email_verified, u1_0.name, u1_0.password_hash
from users u1_0 where u1_0.id = :user_id
