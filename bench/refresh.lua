-- Refresh with a fresh, never-used refresh token each time: bench/run.sh seeds the tokens
-- (TOKENS file, one per line) straight into PostgreSQL; each wrk thread takes every n-th
-- line, so no token is presented twice and reuse detection never fires.
local counter = 0
local threads = {}

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  local n = #args > 0 and tonumber(args[1]) or 2
  tokens = {}
  local i = 0
  for line in io.lines(os.getenv("TOKENS")) do
    if i % n == id then
      table.insert(tokens, line)
    end
    i = i + 1
  end
  next_token = 1
  wrk.method = "POST"
end

function request()
  local token = tokens[next_token]
  next_token = next_token + 1
  if token == nil then
    token = "exhausted"
  end
  return wrk.format("POST", nil, { ["Cookie"] = "refresh_token=" .. token }, nil)
end

dofile((os.getenv("BENCH_DIR") or "bench") .. "/report.lua")
