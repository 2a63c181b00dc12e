-- Lends units of a prize from one stock bucket to a bucket that ran dry: half of what this bucket holds, rounded
-- up, so stock follows demand in a few moves while this bucket keeps serving its own users.
-- KEYS[1] the prize's stock counter in the lending bucket   KEYS[2] the prize's marker in the lending bucket
-- ARGV[1] how long (ms) lent units count as on their way to the borrower
-- Returns {units taken out of this bucket, 1 when none were but units this bucket lent may still be on their way}.
-- The caller adds the units to the borrowing bucket; a bucket is called drained only when every other bucket
-- answers {0, 0}.
local free = tonumber(redis.call('GET', KEYS[1]) or '0')
if free < 1 then
  return {0, redis.call('GET', KEYS[2]) == 'lent' and 1 or 0}
end
local lent = math.ceil(free / 2)
redis.call('DECRBY', KEYS[1], lent)
redis.call('SET', KEYS[2], 'lent', 'PX', tonumber(ARGV[1]))
return {lent, 0}
