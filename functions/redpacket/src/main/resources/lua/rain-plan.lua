-- Writes a rain's plan with its expiry in one step; shakes find the rain only once this exists, after every
-- bucket is full.
-- KEYS: 1 plan
-- ARGV: 1 keep-until (epoch ms)   2.. field/value pairs
for i = 2, #ARGV, 2 do
  redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
end
redis.call('PEXPIREAT', KEYS[1], ARGV[1])
return 1
