-- Gives one request one code, atomically: a replay of the request gets the code it already holds; otherwise
-- the oldest code of the pool (or the code just made on the spot) becomes the request's, and the binding is
-- kept as unrecorded until MySQL confirms it. A code popped here is never handed out again. All keys share
-- the pool's hash tag.
--
-- KEYS: 1 pool codes (list)   2 claim of the request   3 unrecorded bindings (hash)   4 unrecorded by time (zset)
-- ARGV: 1 fingerprint of the body   2 pending binding (JSON)   3 now (ms)   4 claim TTL (s)
--       5 code made on the spot, "requestId|imageUrl" ("" = take from the pool)
-- Returns {state, "requestId|imageUrl", fingerprint, unrecorded (0/1), codes left}; states: pooled, minted,
-- replayed, empty.
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

local state = 'minted'
local code = ARGV[5]
if code == '' then
  code = redis.call('LPOP', KEYS[1])
  if not code then
    return {'empty', '', '', 0, 0}
  end
  state = 'pooled'
end
local id = string.match(code, '^([^|]*)|')
redis.call('SET', KEYS[2], ARGV[1] .. '|' .. code, 'EX', tonumber(ARGV[4]))
redis.call('HSET', KEYS[3], id, ARGV[2])
redis.call('ZADD', KEYS[4], tonumber(ARGV[3]), id)
return {state, code, ARGV[1], 1, redis.call('LLEN', KEYS[1])}
