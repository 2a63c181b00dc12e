-- Adds one batch of user ids to a list being uploaded and renews the upload's expiry in the same round trip,
-- so an upload abandoned half-way never lingers without one.
-- KEYS[1] the upload (it shares the campaign's hash tag); ARGV[1] its time to live in ms; ARGV[2..] user ids.
-- Returns how many of the ids were new to the upload.
local added = redis.call('SADD', KEYS[1], unpack(ARGV, 2))
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return added
