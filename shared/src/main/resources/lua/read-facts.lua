-- Reads every Redis fact one campaign's rules need about one user, in a single round trip.
-- All KEYS share the campaign's hash tag. KEYS[i] is read with the operation ARGV[2i-1] on ARGV[2i]:
--   "m": SISMEMBER KEYS[i] ARGV[2i]  -> 1 or 0
--   "h": HGET KEYS[i] ARGV[2i]       -> the number stored, 0 when absent
local out = {}
for i, key in ipairs(KEYS) do
  local op, arg = ARGV[2 * i - 1], ARGV[2 * i]
  if op == 'm' then
    out[i] = redis.call('SISMEMBER', key, arg)
  elseif op == 'h' then
    out[i] = tonumber(redis.call('HGET', key, arg) or 0) or 0
  else
    return redis.error_reply('unknown fact operation ' .. tostring(op))
  end
end
return out
