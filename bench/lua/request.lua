-- wrk script for every scenario: closed-loop requests described by environment variables, so the same
-- request mix can be sent by the open-loop generator.
--
--   BENCH_METHOD       GET (default) or POST
--   BENCH_PATH         the request path, or
--   BENCH_PATHS        a file with one path a line, picked at random per request
--   BENCH_BODY         a JSON body ({seq} is replaced by a per-thread sequence number)
--   BENCH_TOKENS       a token pool ("<user> <token>" a line); each request is a random user of the pool
--   BENCH_ATTRIBUTES   attribute tokens of the pool's users ("<user> <token>" a line): a request by a user that
--                      has one carries it in X-Surge-Attributes (the order system's signed order amount)
--   BENCH_IDEMPOTENCY  1: every request carries a fresh Idempotency-Key
--   BENCH_REPEAT       share of requests that repeat the previous one (same user, and same key when there is
--                      one): repeat clicks
--   BENCH_OUT          where done() writes key=value figures and the latency percentile curve (.hgrm)

local method = os.getenv("BENCH_METHOD") or "GET"
local path = os.getenv("BENCH_PATH") or "/"
local body_template = os.getenv("BENCH_BODY")
local idempotency = os.getenv("BENCH_IDEMPOTENCY") == "1"
local repeat_ratio = tonumber(os.getenv("BENCH_REPEAT") or "0")

local function lines(file)
  local out = {}
  if file and file ~= "" then
    for line in io.lines(file) do
      if line ~= "" then out[#out + 1] = line end
    end
  end
  return out
end

local threads = {}
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
  threads[#threads + 1] = thread
end

local tokens, attributes, paths = {}, {}, {}
local seq, thread_id, run_id = 0, 0, ""
local last_user, last_key

function init(args)
  thread_id = id or 0
  run_id = string.format("w%x%d", os.time(), thread_id)
  math.randomseed(os.time() * 1000 + thread_id)
  local attribute_of = {}
  for _, line in ipairs(lines(os.getenv("BENCH_ATTRIBUTES"))) do
    local space = line:find(" ")
    if space then attribute_of[line:sub(1, space - 1)] = line:sub(space + 1) end
  end
  for _, line in ipairs(lines(os.getenv("BENCH_TOKENS"))) do
    local space = line:find(" ")
    tokens[#tokens + 1] = line:sub(space + 1)
    -- false where the user has none, so the two lists keep the same indexes
    attributes[#tokens] = attribute_of[line:sub(1, space - 1)] or false
  end
  paths = lines(os.getenv("BENCH_PATHS"))
end

function request()
  local user, key
  if seq > 0 and repeat_ratio > 0 and math.random() < repeat_ratio then
    user, key = last_user, last_key
  else
    if #tokens > 0 then user = math.random(#tokens) end
    seq = seq + 1
    if idempotency then key = run_id .. "n" .. seq end
  end
  last_user, last_key = user, key
  local headers = {}
  if user then
    headers["Authorization"] = "Bearer " .. tokens[user]
    if attributes[user] then headers["X-Surge-Attributes"] = attributes[user] end
  end
  if key then headers["Idempotency-Key"] = key end
  local body = nil
  if body_template then
    body = body_template:gsub("{seq}", tostring(seq))
    headers["Content-Type"] = "application/json"
  elseif method ~= "GET" then
    headers["Content-Length"] = "0"
  end
  local p = path
  if #paths > 0 then p = paths[math.random(#paths)] end
  return wrk.format(method, p, headers, body)
end

function done(summary, latency, requests)
  local out = os.getenv("BENCH_OUT")
  if not out then return end
  local seconds = summary.duration / 1e6
  local e = summary.errors
  local f = assert(io.open(out .. ".summary", "w"))
  f:write("tool=wrk\n")
  f:write(string.format("duration_s=%.3f\n", seconds))
  f:write(string.format("requests=%d\n", summary.requests))
  f:write(string.format("rps=%.1f\n", summary.requests / seconds))
  f:write(string.format("io_errors=%d\n", e.connect + e.read + e.write + e.timeout))
  f:write(string.format("timeouts=%d\n", e.timeout))
  f:write(string.format("non_2xx_3xx=%d\n", e.status))
  f:write(string.format("mean_ms=%.3f\n", latency.mean / 1000))
  for _, p in ipairs({50, 90, 99, 99.9}) do
    local name = string.format("p%s_ms", tostring(p):gsub("%.", ""))
    f:write(string.format("%s=%.3f\n", name, latency:percentile(p) / 1000))
  end
  f:write(string.format("max_ms=%.3f\n", latency.max / 1000))
  f:close()
  local h = assert(io.open(out .. ".hgrm", "w"))
  h:write("       Value     Percentile TotalCount 1/(1-Percentile)\n\n")
  for _, p in ipairs({0, 10, 20, 30, 40, 50, 55, 60, 65, 70, 75, 80, 85, 87.5, 90, 92.5, 95, 96, 97, 97.5, 98,
      98.5, 99, 99.25, 99.5, 99.75, 99.9, 99.95, 99.99, 99.999}) do
    local inverse = p < 100 and 1 / (1 - p / 100) or 0
    h:write(string.format("%12.3f %14.12f %10d %14.2f\n", latency:percentile(p) / 1000, p / 100,
      math.floor(summary.requests * p / 100), inverse))
  end
  h:close()
end
