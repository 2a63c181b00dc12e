-- Puts a fully loaded upload in place of a campaign's list in one atomic step: a reader sees the old list or
-- the new one, never part of either. The old set is renamed aside and unlinked rather than overwritten, so a
-- large one is freed in the background instead of blocking Redis while it is deleted.
-- KEYS[1] the live list, KEYS[2] the loaded upload, KEYS[3] a spare name for the old list; all three share
-- the campaign's hash tag. ARGV[1] how many distinct ids the upload must hold (0 empties the list).
-- Returns the size of the live list.
local live, upload, old = KEYS[1], KEYS[2], KEYS[3]
local expected = tonumber(ARGV[1])
local loaded = redis.call('SCARD', upload)
if loaded ~= expected then
  -- The upload expired or was touched by someone else: keep the live list as it is.
  return redis.error_reply('UPLOAD_INCOMPLETE the upload holds ' .. loaded .. ' ids, not ' .. expected)
end
if redis.call('EXISTS', live) == 1 then
  redis.call('RENAME', live, old)
end
if expected > 0 then
  redis.call('RENAME', upload, live)
  -- RENAME carries the upload's expiry over; a live list lives until it is replaced or deleted.
  redis.call('PERSIST', live)
end
redis.call('UNLINK', old)
return expected
