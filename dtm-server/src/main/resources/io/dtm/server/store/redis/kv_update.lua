-- Replace a KV value if its version matches, incrementing the version.
-- KEYS[1] = <p>_kv_<cat>_<key>; ARGV: prefix, expected version, value, now text
-- Returns 1 when applied, 0 otherwise.
local raw = redis.call('GET', KEYS[1])
if not raw then return 0 end
local kv = cjson.decode(raw)
if tonumber(kv.version) ~= tonumber(ARGV[2]) then return 0 end
kv.v = ARGV[3]
kv.version = tonumber(kv.version) + 1
kv.update_time = ARGV[4]
redis.call('SET', KEYS[1], cjson.encode(kv))
return 1
