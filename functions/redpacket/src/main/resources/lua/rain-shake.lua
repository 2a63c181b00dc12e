-- One shake, atomically, inside the shaker's bucket: the rain's state, the bucket's release allowance so far, the
-- user's limit, then the next packet. Release is computed from time, so nothing has to run in the background. The
-- bucket holds its copy of the schedule operators steer (RainSchedule): while the rain runs, the bucket may have
-- handed out floor((credit + rate x (now - anchor)) / (buckets x 1000)) packets by now (integer arithmetic on
-- ms); paused, only what accrued before the pause; stopped, nothing more. While nothing is released the answer is
-- "none" whoever asks, so every instance can stop asking until the next release time; the user's limit matters
-- only when there is a packet to take.
-- A running rain counts the user's shakes against the campaign's per-user rate limit when it has one: a shake
-- over it is answered rate-limited before anything else is looked at, and is not counted.
-- KEYS: 1 bucket state   2 bucket packets   3 users (user → wins)   4 unrecorded wins
--       5 the user's shakes in this window of the per-user rate limit (unused without one)
-- ARGV: 1 user id   2 now (epoch ms)   3 start (epoch ms)   4 rate per second (whole rain)   5 buckets
--       6 per-user limit   (3 and 4 stand in for a bucket filled before rains had a schedule to steer)
--       7 shakes per user and window (0 = no per-user rate limit)   8 the window's length (s)
-- Returns {outcome, detail, version}: won with "seq:amount:at:user"; none with the earliest ms a packet can
-- appear in this bucket (-1: the bucket is drained); limited; rate-limited; paused; stopped; unknown (no such
-- bucket). The version is the schedule's, so an instance can tell a memory learnt under a schedule since replaced.
local state = redis.call('HMGET', KEYS[1], 'handed', 'keep_until', 'size', 'run', 'anchor', 'credit', 'rate',
  'version')
if not state[1] then
  return {'unknown', '', '0'}
end
local version = state[8] or '0'
local run = state[4] or 'running'
if run == 'stopped' then
  return {'stopped', '', version}
end
local handed = tonumber(state[1])
if handed >= tonumber(state[3]) then
  return {'none', '-1', version}
end
if run == 'paused' then
  return {'paused', '', version}
end
local perUser = tonumber(ARGV[7])
if perUser > 0 then
  local shaken = tonumber(redis.call('GET', KEYS[5]) or '0')
  if shaken >= perUser then
    return {'rate-limited', '', version}
  end
  if shaken == 0 then
    redis.call('SET', KEYS[5], 1, 'EX', tonumber(ARGV[8]))
  else
    redis.call('INCR', KEYS[5])
  end
end
local now = tonumber(ARGV[2])
local anchor, credit = tonumber(state[5] or ARGV[3]), tonumber(state[6] or '0')
local rate, per = tonumber(state[7] or ARGV[4]), tonumber(ARGV[5]) * 1000
local units = credit
if now > anchor then
  units = credit + rate * (now - anchor)
end
if handed >= math.floor(units / per) then
  return {'none', string.format('%d', anchor + math.ceil(((handed + 1) * per - credit) / rate)), version}
end
if tonumber(redis.call('HGET', KEYS[3], ARGV[1]) or '0') >= tonumber(ARGV[6]) then
  return {'limited', '', version}
end
local packet = redis.call('LPOP', KEYS[2])
if not packet then
  return {'none', '-1', version}
end
redis.call('HINCRBY', KEYS[1], 'handed', 1)
redis.call('HINCRBY', KEYS[1], 'won_cents', string.match(packet, ':(%d+)$'))
redis.call('HINCRBY', KEYS[3], ARGV[1], 1)
local win = packet .. ':' .. ARGV[2] .. ':' .. ARGV[1]
redis.call('SADD', KEYS[4], win)
redis.call('PEXPIREAT', KEYS[3], state[2])
redis.call('PEXPIREAT', KEYS[4], state[2])
return {'won', win, version}
