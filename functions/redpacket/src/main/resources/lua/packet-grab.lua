-- One grab, atomically: a user who already holds a share gets it again; otherwise, while the packet is open
-- and not expired, the next share is popped, recorded against the user and marked unrecorded until MySQL
-- has it.
-- KEYS: 1 meta   2 shares   3 grabs   4 unrecorded
-- ARGV: 1 user id   2 now (epoch ms, from the application clock)
-- Returns {outcome, "seq:amount:at" or '', still unrecorded (0/1)}; outcomes: grabbed, repeat, empty,
-- expired, unknown.
local mine = redis.call('HGET', KEYS[3], ARGV[1])
if mine then
  return {'repeat', mine, redis.call('SISMEMBER', KEYS[4], ARGV[1])}
end
local meta = redis.call('HMGET', KEYS[1], 'status', 'expires_at', 'keep_until')
if not meta[1] then
  return {'unknown', '', 0}
end
if meta[1] ~= 'open' or tonumber(ARGV[2]) >= tonumber(meta[2]) then
  return {'expired', '', 0}
end
local share = redis.call('LPOP', KEYS[2])
if not share then
  return {'empty', '', 0}
end
local record = share .. ':' .. ARGV[2]
redis.call('HSET', KEYS[3], ARGV[1], record)
redis.call('SADD', KEYS[4], ARGV[1])
redis.call('PEXPIREAT', KEYS[3], meta[3])
redis.call('PEXPIREAT', KEYS[4], meta[3])
redis.call('HINCRBY', KEYS[1], 'remaining_cents', -tonumber(string.match(share, ':(%d+)$')))
redis.call('HINCRBY', KEYS[1], 'remaining_count', -1)
return {'grabbed', record, 1}
