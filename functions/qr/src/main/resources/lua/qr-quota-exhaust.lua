-- The upstream said "over the limit": the window is spent for the whole fleet until the minute ends.
-- KEYS: 1 this minute's counter
-- ARGV: 1 the limit   2 TTL of the counter (s)
if tonumber(redis.call('GET', KEYS[1]) or '0') < tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], ARGV[1], 'EX', tonumber(ARGV[2]))
end
return 1
