-- Settles a draw won in Redis once MySQL has answered, exactly once: only a draw still pending changes.
--   ARGV[1] = "won":    the grant is committed; the draw is won.
--   ARGV[1] = "failed": no grant exists nor ever will; the unit of stock and the participation go back.
--   ARGV[1] = "exhausted": no grant, because MySQL (the authority) holds no unit; only the participation goes
--                        back, the unit stays out of Redis, and the record says sold-out, as the caller was told.
-- KEYS: 1 draw record   2 participation   3 stock of the prize   4 pending wins   5 tally
-- ARGV: 1 settlement   2 pending member
-- Returns 1 when this call settled the draw, 0 when it was not pending (settled before, or expired).
if redis.call('HGET', KEYS[1], 'outcome') ~= 'pending' then
  return 0
end
redis.call('ZREM', KEYS[4], ARGV[2])
redis.call('HINCRBY', KEYS[5], 'pending', -1)
if ARGV[1] == 'won' then
  redis.call('HSET', KEYS[1], 'outcome', 'won')
  redis.call('HINCRBY', KEYS[5], 'won', 1)
else
  if ARGV[1] == 'failed' then
    redis.call('INCR', KEYS[3])
  end
  redis.call('HINCRBY', KEYS[2], 'total', -1)
  redis.call('HINCRBY', KEYS[2], redis.call('HGET', KEYS[1], 'day'), -1)
  if ARGV[1] == 'exhausted' then
    redis.call('HSET', KEYS[1], 'outcome', 'sold-out')
  else
    redis.call('HSET', KEYS[1], 'outcome', 'failed')
  end
  redis.call('HINCRBY', KEYS[5], 'failed', 1)
end
return 1
