-- Writes a steered schedule (state, anchor, credit, rate, version; see RainSchedule) into a rain's plan or into
-- one bucket's state, and makes the keys live at least until keep-until. The plan takes a change only over the
-- schedule it replaces (version - 1), so two operators at once cannot lose one's change; a bucket takes any newer
-- version, so copying again after a partial failure is harmless.
-- KEYS: 1 the plan or the bucket state   2.. keys that live as long as it (the bucket's packets, users, wins)
-- ARGV: 1 'next' (plan) or 'newer' (bucket)   2 version   3 state   4 anchor (epoch ms)   5 credit   6 rate
--       7 keep-until (epoch ms)   8 buckets of the rain
-- Returns 1 when written, 0 when not (plan: another change came first; bucket: it has this version or a newer
-- one), -1 when there is no such plan or bucket.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return -1
end
local current = redis.call('HMGET', KEYS[1], 'version', 'keep_until', 'handed')
local version, wanted = tonumber(current[1] or '0'), tonumber(ARGV[2])
if (ARGV[1] == 'next' and version ~= wanted - 1) or (ARGV[1] == 'newer' and version >= wanted) then
  return 0
end
local credit = tonumber(ARGV[5])
-- A bucket never shows fewer packets released than it handed out: a change computed a moment ago may land after
-- the bucket released a little more under the schedule it replaces.
if current[3] then
  credit = math.max(credit, tonumber(current[3]) * tonumber(ARGV[8]) * 1000)
end
local keep = string.format('%d', math.max(tonumber(current[2] or '0'), tonumber(ARGV[7])))
redis.call('HSET', KEYS[1], 'version', ARGV[2], 'run', ARGV[3], 'anchor', ARGV[4], 'credit',
  string.format('%d', credit), 'rate', ARGV[6], 'keep_until', keep)
for i = 1, #KEYS do
  redis.call('PEXPIREAT', KEYS[i], keep)
end
return 1
