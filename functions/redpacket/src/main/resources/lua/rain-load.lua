-- Appends one chunk of packets to a bucket of a rain, once: chunks go in order, and a chunk already in is
-- skipped, so a repeated (or retried) start never hands a packet out twice. Shakes reach the bucket only once
-- the plan is published, after every chunk of every bucket is in. The first chunk also gives the bucket its copy
-- of the rain's schedule (running from the start at the rate; operators steer it later, see rain-steer.lua).
-- KEYS: 1 bucket state   2 bucket packets
-- ARGV: 1 keep-until (epoch ms)   2 the bucket's full size   3 offset of this chunk in the bucket
--       4 start (epoch ms)   5 rate per second (whole rain)   6.. the chunk's packets, "seq:amount", in release order
-- Returns 1 when this call appended the chunk, 0 when it was in already.
local loaded = tonumber(redis.call('HGET', KEYS[1], 'loaded') or '0')
local offset, count = tonumber(ARGV[3]), #ARGV - 5
if loaded >= offset + count then
  return 0
end
if loaded ~= offset then
  return redis.error_reply('chunk at ' .. offset .. ' but ' .. loaded .. ' packets are in')
end
local i = 6
while i <= #ARGV do
  local last = math.min(i + 499, #ARGV)
  redis.call('RPUSH', KEYS[2], unpack(ARGV, i, last))
  i = last + 1
end
if loaded == 0 then
  redis.call('HSET', KEYS[1], 'handed', 0, 'won_cents', 0, 'size', ARGV[2], 'keep_until', ARGV[1],
    'run', 'running', 'anchor', ARGV[4], 'credit', 0, 'rate', ARGV[5], 'version', 0)
end
redis.call('HSET', KEYS[1], 'loaded', offset + count)
redis.call('PEXPIREAT', KEYS[1], ARGV[1])
redis.call('PEXPIREAT', KEYS[2], ARGV[1])
return 1
