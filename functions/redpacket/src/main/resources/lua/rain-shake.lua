-- One shake, atomically, inside the shaker's bucket: the bucket's release allowance so far, the user's limit,
-- then the next packet. Release is computed from time, so nothing has to run in the background: a bucket may
-- have handed out floor(rate / buckets x elapsed seconds) packets by now (integer arithmetic on ms). While
-- nothing is released the answer is "none" whoever asks, so every instance can stop asking until the next
-- release time; the user's limit matters only when there is a packet to take.
-- KEYS: 1 bucket state   2 bucket packets   3 users (user → wins)   4 unrecorded wins
-- ARGV: 1 user id   2 now (epoch ms)   3 start (epoch ms)   4 rate per second (whole rain)   5 buckets
--       6 per-user limit
-- Returns {outcome, detail}: won with "seq:amount:at:user"; none with the earliest ms a packet can appear
-- in this bucket (-1: the bucket is drained); limited; unknown (no such bucket).
local state = redis.call('HMGET', KEYS[1], 'handed', 'keep_until', 'size')
if not state[1] then
  return {'unknown', ''}
end
local handed = tonumber(state[1])
if handed >= tonumber(state[3]) then
  return {'none', '-1'}
end
local now, start = tonumber(ARGV[2]), tonumber(ARGV[3])
local rate, buckets = tonumber(ARGV[4]), tonumber(ARGV[5])
local allowance = 0
if now > start then
  allowance = math.floor(rate * (now - start) / (buckets * 1000))
end
if handed >= allowance then
  return {'none', string.format('%d', start + math.ceil((handed + 1) * buckets * 1000 / rate))}
end
if tonumber(redis.call('HGET', KEYS[3], ARGV[1]) or '0') >= tonumber(ARGV[6]) then
  return {'limited', ''}
end
local packet = redis.call('LPOP', KEYS[2])
if not packet then
  return {'none', '-1'}
end
redis.call('HINCRBY', KEYS[1], 'handed', 1)
redis.call('HINCRBY', KEYS[3], ARGV[1], 1)
local win = packet .. ':' .. ARGV[2] .. ':' .. ARGV[1]
redis.call('SADD', KEYS[4], win)
redis.call('PEXPIREAT', KEYS[3], state[2])
redis.call('PEXPIREAT', KEYS[4], state[2])
return {'won', win}
