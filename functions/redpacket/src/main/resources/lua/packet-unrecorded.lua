-- The grabs of a packet that MySQL may not have yet; with ARGV[1] = 'close', first closes the packet for good
-- so that no grab can succeed after (the refund job does this before it counts what was taken).
-- KEYS: 1 meta   2 grabs   3 unrecorded
-- ARGV: 1 'close' or 'read'
-- Returns {found (0/1), user, "seq:amount:at", user, "seq:amount:at", ...}.
local status = redis.call('HGET', KEYS[1], 'status')
if not status then
  return {0}
end
if ARGV[1] == 'close' and status == 'open' then
  redis.call('HSET', KEYS[1], 'status', 'expired')
end
local out = {1}
for _, user in ipairs(redis.call('SMEMBERS', KEYS[3])) do
  out[#out + 1] = user
  out[#out + 1] = redis.call('HGET', KEYS[2], user) or ''
end
return out
