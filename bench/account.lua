-- GET /api/v1/account/ with the seeded account's access token (ACCESS_TOKEN).
wrk.method = "GET"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("ACCESS_TOKEN")

dofile((os.getenv("BENCH_DIR") or "bench") .. "/report.lua")
