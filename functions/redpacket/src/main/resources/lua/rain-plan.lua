-- Writes a rain's plan with its expiry; shakes find the rain only once this exists, after every bucket is full.
-- Fields already there stay: a repeated start leaves a steered plan (state, rate, version) as operators left it,
-- and never shortens its life.
-- KEYS: 1 plan
-- ARGV: 1 keep-until (epoch ms)   2.. field/value pairs
for i = 2, #ARGV, 2 do
  redis.call('HSETNX', KEYS[1], ARGV[i], ARGV[i + 1])
end
local keep = math.max(tonumber(redis.call('HGET', KEYS[1], 'keep_until') or '0'), tonumber(ARGV[1]))
redis.call('HSET', KEYS[1], 'keep_until', string.format('%d', keep))
redis.call('PEXPIREAT', KEYS[1], string.format('%d', keep))
return 1
