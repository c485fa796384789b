-- Rate limits: count a hit (atomic upsert)
-- Primary key of `rate_limits` (the bucket).
INSERT INTO rate_limits AS r (bucket, window_start, hits) VALUES (:bucket, now(), 1)
ON CONFLICT (bucket) DO UPDATE SET
  window_start = CASE WHEN r.window_start <= now() - make_interval(secs => :window) THEN now() ELSE r.window_start END,
  hits = CASE WHEN r.window_start <= now() - make_interval(secs => :window) THEN 1 ELSE r.hits + 1 END
RETURNING r.hits, extract(epoch FROM r.window_start + make_interval(secs => :window) - now())
