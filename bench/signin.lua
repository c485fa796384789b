-- Sign-in with the seeded account (the bench scripts sign up bench@example.com with scripts/lib.sh).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"login":"bench@example.com","password":"correct horse battery","captcha":"bench"}'

dofile((os.getenv("BENCH_DIR") or "bench") .. "/report.lua")
