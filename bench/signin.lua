-- Sign-in with the seeded account (bench/lib.sh seeds bench@example.com).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"login":"bench@example.com","password":"correct horse battery","captcha":"bench"}'

dofile((os.getenv("BENCH_DIR") or "bench") .. "/report.lua")
