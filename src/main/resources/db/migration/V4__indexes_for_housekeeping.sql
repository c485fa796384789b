-- The housekeeping purge finds old rows by time; these indexes keep each batch an index
-- range scan however large the tables grow.
CREATE INDEX sessions_expires_at_idx ON sessions (expires_at);
CREATE INDEX sessions_revoked_at_idx ON sessions (revoked_at) WHERE revoked_at IS NOT NULL;
CREATE INDEX refresh_tokens_expires_at_idx ON refresh_tokens (expires_at);
CREATE INDEX verification_codes_expires_at_idx ON verification_codes (expires_at);
CREATE INDEX rate_limits_window_start_idx ON rate_limits (window_start);
CREATE INDEX mail_outbox_sent_at_idx ON mail_outbox (sent_at) WHERE sent_at IS NOT NULL;
