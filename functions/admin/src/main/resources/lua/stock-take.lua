-- Takes n units of a prize out of circulation in Redis, only if n units are free there.
-- KEYS[1] stock counter   ARGV[1] n
-- Returns the stock after taking, or -1 when fewer than n units are free (nothing taken).
local free = tonumber(redis.call('GET', KEYS[1]) or '0')
local n = tonumber(ARGV[1])
if free < n then
  return -1
end
return redis.call('DECRBY', KEYS[1], n)
