-- Queues a packet, once: its meta hash, the list of its untaken shares and (when rebuilt from MySQL) the
-- grabs already made. A packet already queued is left as it is, so a repeated send never duplicates shares.
-- KEYS: 1 meta   2 shares   3 grabs
-- ARGV: 1 keep-until (epoch ms)   2 meta pair count m   3 grab pair count g
--       then m field/value pairs of meta, g user/"seq:amount:at" pairs of grabs, then the shares ("seq:amount")
-- Returns 1 when this call queued the packet, 0 when it was queued already.
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
local i = 4
for _ = 1, tonumber(ARGV[2]) do
  redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
  i = i + 2
end
for _ = 1, tonumber(ARGV[3]) do
  redis.call('HSET', KEYS[3], ARGV[i], ARGV[i + 1])
  i = i + 2
end
while i <= #ARGV do
  local last = math.min(i + 499, #ARGV)
  redis.call('RPUSH', KEYS[2], unpack(ARGV, i, last))
  i = last + 1
end
for k = 1, 3 do
  redis.call('PEXPIREAT', KEYS[k], ARGV[1])
end
return 1
