-- Marks a packet refunded, with what went back; a packet whose keys are gone stays gone (no stray key).
-- KEYS: 1 meta
-- ARGV: 1 refund (cents)
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
redis.call('HSET', KEYS[1], 'status', 'refunded', 'refund_cents', ARGV[1])
return 1
