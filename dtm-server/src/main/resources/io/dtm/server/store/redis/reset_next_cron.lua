-- Make one unfinished transaction due now. KEYS[1] = <p>_g_<gid>
-- ARGV: prefix, gid, now text, now score, ttl
-- Returns 1 when applied, 0 when the transaction is unknown or finished.
local gid = ARGV[2]
if not unfinished(redis.call('GET', skey(gid))) then return 0 end
local raw = redis.call('GET', KEYS[1])
if not raw then return 0 end
local g = cjson.decode(raw)
g.next_cron_time = ARGV[3]
g.update_time = ARGV[3]
redis.call('SET', KEYS[1], cjson.encode(g))
redis.call('ZADD', U, ARGV[4], gid)
retain(gid, tonumber(ARGV[5]))
return 1
