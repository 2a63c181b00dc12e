-- MySQL has confirmed a binding: it is no longer unrecorded.
-- KEYS: 1 unrecorded bindings (hash)   2 unrecorded by time (zset)
-- ARGV: 1 request id
-- Returns 1 when the binding was still marked unrecorded.
redis.call('ZREM', KEYS[2], ARGV[1])
return redis.call('HDEL', KEYS[1], ARGV[1])
