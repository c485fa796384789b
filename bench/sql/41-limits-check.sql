-- Rate limits: check a bucket
-- Primary key of `rate_limits`.
SELECT hits, extract(epoch FROM window_start + make_interval(secs => :window) - now())
FROM rate_limits WHERE bucket = :bucket AND window_start > now() - make_interval(secs => :window)
