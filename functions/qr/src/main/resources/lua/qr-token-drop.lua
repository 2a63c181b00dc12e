-- Forgets the shared access token, but only if it is still the one the upstream refused: an instance that
-- learns late must not throw away the token another instance has just fetched.
-- KEYS: 1 the shared token ("token|expiresAtMillis")
-- ARGV: 1 the refused token
local held = redis.call('GET', KEYS[1])
if held and string.sub(held, 1, string.len(ARGV[1]) + 1) == ARGV[1] .. '|' then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0
