-- Drops a member from an index of things to settle, unless it was marked again since it was read (a newer
-- score means new work arrived, which the next run must see).
-- KEYS: 1 index (sorted set)
-- ARGV: 1 member   2 score read before settling
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if score and tonumber(score) <= tonumber(ARGV[2]) then
  redis.call('ZREM', KEYS[1], ARGV[1])
  return 1
end
return 0
