-- Create a KV row with version 1. KEYS[1] = <p>_kv_<cat>_<key>
-- ARGV: prefix, cat, key, KV JSON after '{'
-- Returns the new id, or 0 when the row exists.
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local id = redis.call('INCR', P .. '_seq_kv')
redis.call('SET', KEYS[1], '{"id":' .. int(id) .. ',' .. ARGV[4])
redis.call('ZADD', P .. '_kvi_' .. ARGV[2], id, ARGV[3])
return id
