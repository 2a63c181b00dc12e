-- Lets go of a code a request held but may not keep (MySQL refused the binding). The request's claim goes,
-- so a retry gets another code; the code goes back to the pool only when asked (MySQL still has it pooled,
-- and nobody was told about it) and only by the call that removed the claim, so never twice.
-- KEYS: 1 pool codes (list)   2 claim of the request   3 unrecorded bindings (hash)   4 unrecorded by time (zset)
-- ARGV: 1 request id   2 "requestId|imageUrl" to put back in the pool ("" = do not)
-- Returns 1 when the claim was removed by this call.
redis.call('HDEL', KEYS[3], ARGV[1])
redis.call('ZREM', KEYS[4], ARGV[1])
local held = redis.call('GET', KEYS[2])
-- A claim is "fingerprint|requestId|imageUrl"; neither a fingerprint nor a request id holds '|'.
if not held or not string.find(held, '|' .. ARGV[1] .. '|', 1, true) then
  return 0
end
redis.call('DEL', KEYS[2])
if ARGV[2] ~= '' then
  redis.call('RPUSH', KEYS[1], ARGV[2])
end
return 1
