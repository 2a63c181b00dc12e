-- Gives one request one code, atomically: a replay of the request gets the code it already holds; otherwise
-- the oldest code of the pool (or the code just made on the spot) becomes the request's, and the binding is
-- kept as unrecorded until MySQL confirms it. A code popped here is never handed out again. All keys share
-- the pool's hash tag.
--
-- A request that would take a code is first checked against the user's limits: the campaign's per-user rate limit
-- (allocations per window) and the pool's daily cap per user; a refused one takes nothing and counts nothing, and
-- a code made on the spot for it goes to the pool. A replay is answered before any limit, and costs none.
--
-- KEYS: 1 pool codes (list)   2 claim of the request   3 unrecorded bindings (hash)   4 unrecorded by time (zset)
--       5 the user's allocations in this window of the rate limit   6 the user's allocations today
-- ARGV: 1 fingerprint of the body   2 pending binding (JSON)   3 now (ms)   4 claim TTL (s)
--       5 code made on the spot, "requestId|imageUrl" ("" = take from the pool)
--       6 allocations per user and window (0 = no rate limit)   7 the window's length (s)
--       8 codes per user and day (0 = no cap)   9 the daily counter's TTL (s)
-- Returns {state, "requestId|imageUrl", fingerprint, unrecorded (0/1), codes left}; states: pooled, minted,
-- replayed, empty, rate-limited, capped.
local held = redis.call('GET', KEYS[2])
if held then
  if ARGV[5] ~= '' then
    -- A replay won the race against this request's own on-spot code: the fresh code is not wasted.
    redis.call('RPUSH', KEYS[1], ARGV[5])
  end
  local fingerprint, code = string.match(held, '^([^|]*)|(.*)$')
  local id = string.match(code, '^([^|]*)|')
  return {'replayed', code, fingerprint, redis.call('HEXISTS', KEYS[3], id), redis.call('LLEN', KEYS[1])}
end

local perWindow, perDay = tonumber(ARGV[6]), tonumber(ARGV[8])
local refused
if perWindow > 0 and tonumber(redis.call('GET', KEYS[5]) or '0') >= perWindow then
  refused = 'rate-limited'
elseif perDay > 0 and tonumber(redis.call('GET', KEYS[6]) or '0') >= perDay then
  refused = 'capped'
end
if refused then
  if ARGV[5] ~= '' then
    redis.call('RPUSH', KEYS[1], ARGV[5])
  end
  return {refused, '', '', 0, 0}
end

local state = 'minted'
local code = ARGV[5]
if code == '' then
  code = redis.call('LPOP', KEYS[1])
  if not code then
    return {'empty', '', '', 0, 0}
  end
  state = 'pooled'
end
if perWindow > 0 and redis.call('INCR', KEYS[5]) == 1 then
  redis.call('EXPIRE', KEYS[5], tonumber(ARGV[7]))
end
if perDay > 0 and redis.call('INCR', KEYS[6]) == 1 then
  redis.call('EXPIRE', KEYS[6], tonumber(ARGV[9]))
end
local id = string.match(code, '^([^|]*)|')
redis.call('SET', KEYS[2], ARGV[1] .. '|' .. code, 'EX', tonumber(ARGV[4]))
redis.call('HSET', KEYS[3], id, ARGV[2])
redis.call('ZADD', KEYS[4], tonumber(ARGV[3]), id)
return {state, code, ARGV[1], 1, redis.call('LLEN', KEYS[1])}
