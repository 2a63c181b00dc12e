-- One consistent view of a packet: its meta hash and every grab, flattened as HGETALL returns them.
-- KEYS: 1 meta   2 grabs
return {redis.call('HGETALL', KEYS[1]), redis.call('HGETALL', KEYS[2])}
