-- TouchCronTime. KEYS[1] = <p>_g_<gid>
-- ARGV: prefix, gid, expected status, interval seconds, next cron text, next cron score,
--       now text, ttl
-- Returns 1 when applied, 0 when the status differs.
local gid, expected = ARGV[2], ARGV[3]
if redis.call('GET', skey(gid)) ~= expected then return 0 end
local raw = redis.call('GET', KEYS[1])
if not raw then return 0 end
local g = cjson.decode(raw)
g.next_cron_interval = tonumber(ARGV[4])
g.next_cron_time = ARGV[5]
g.update_time = ARGV[7]
redis.call('SET', KEYS[1], cjson.encode(g))
if unfinished(expected) then redis.call('ZADD', U, ARGV[6], gid) end
retain(gid, tonumber(ARGV[8]))
return 1
