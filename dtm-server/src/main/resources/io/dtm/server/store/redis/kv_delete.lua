-- Delete a KV row and its index entry. KEYS[1] = <p>_kv_<cat>_<key>
-- ARGV: prefix, cat, key. Returns the number of rows deleted.
local n = redis.call('DEL', KEYS[1])
redis.call('ZREM', P .. '_kvi_' .. ARGV[2], ARGV[3])
return n
