-- ResetCronTime. KEYS[1] = <p>_u
-- ARGV: prefix, threshold score, now text, now score, limit, ttl
-- Pulls up to limit unfinished transactions scheduled after the threshold back to now;
-- returns how many.
local gids = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. ARGV[2], '+inf', 'LIMIT', 0, tonumber(ARGV[5]))
local count = 0
for _, gid in ipairs(gids) do
  local raw = redis.call('GET', gkey(gid))
  if raw and unfinished(redis.call('GET', skey(gid))) then
    local g = cjson.decode(raw)
    g.next_cron_time = ARGV[3]
    g.update_time = ARGV[3]
    redis.call('SET', gkey(gid), cjson.encode(g))
    redis.call('ZADD', KEYS[1], ARGV[4], gid)
    retain(gid, tonumber(ARGV[6]))
    count = count + 1
  else
    redis.call('ZREM', KEYS[1], gid)
  end
end
return count
