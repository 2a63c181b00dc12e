-- Takes up to the wanted number of upstream permits from this minute's window, never past the caller's cap.
-- Live demand passes the whole limit as its cap; refill passes the limit less what it leaves to live demand.
-- KEYS: 1 this minute's counter
-- ARGV: 1 permits wanted   2 cap   3 TTL of the counter (s)
-- Returns {permits granted, permits taken in the window after this call}.
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
local granted = math.min(tonumber(ARGV[1]), tonumber(ARGV[2]) - used)
if granted <= 0 then
  return {0, used}
end
used = redis.call('INCRBY', KEYS[1], granted)
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[3]))
return {granted, used}
