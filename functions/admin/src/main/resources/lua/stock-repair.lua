-- Sets a prize's Redis stock to what MySQL (the authority) says minus the units won in Redis whose grant
-- MySQL has not committed yet, counted here atomically with the write.
-- KEYS[1] stock counter   KEYS[2] pending wins of the campaign (members "prize|key|user")
-- ARGV[1] MySQL stock      ARGV[2] prize id   ARGV[3..] pending members whose grant MySQL has committed
-- Returns {stock before, pending units of the prize, stock after}.
local before = tonumber(redis.call('GET', KEYS[1]) or '0')
local committed = {}
for i = 3, #ARGV do
  committed[ARGV[i]] = true
end
local pending = 0
local prefix = ARGV[2] .. '|'
for _, member in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
  if string.sub(member, 1, #prefix) == prefix and not committed[member] then
    pending = pending + 1
  end
end
local after = tonumber(ARGV[1]) - pending
if after < 0 then
  after = 0
end
redis.call('SET', KEYS[1], after)
return {before, pending, after}
