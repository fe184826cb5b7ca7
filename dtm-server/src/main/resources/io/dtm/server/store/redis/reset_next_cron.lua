-- Make one transaction due now (a finished one only gets the new times, as in dtm).
-- KEYS[1] = <p>_g_<gid>
-- ARGV: prefix, gid, now text, now score, ttl
-- Returns 1 when applied, 0 when the transaction is unknown.
local gid = ARGV[2]
local raw = redis.call('GET', KEYS[1])
if not raw then return 0 end
local g = cjson.decode(raw)
g.next_cron_time = ARGV[3]
g.update_time = ARGV[3]
redis.call('SET', KEYS[1], cjson.encode(g))
if unfinished(redis.call('GET', skey(gid))) then
  redis.call('ZADD', U, ARGV[4], gid)
end
retain(gid, tonumber(ARGV[5]))
return 1
