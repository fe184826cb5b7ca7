-- LockOneGlobalTrans. KEYS[1] = <p>_u
-- ARGV: prefix, now score, lease-until score, owner, now text, lease-until text, ttl,
--       prune limit when idle
-- Takes the member with the lowest score if it is due, pushes it to the lease end and
-- stamps the owner; returns the updated global JSON, or nil when nothing is due.
-- Members whose data is gone or finished are dropped on the way.
local now = tonumber(ARGV[2])
for _ = 1, 20 do
  local top = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  if #top == 0 or tonumber(top[2]) > now then break end
  local gid = top[1]
  local raw = redis.call('GET', gkey(gid))
  if raw and unfinished(redis.call('GET', skey(gid))) then
    local g = cjson.decode(raw)
    g.next_cron_time = ARGV[6]
    g.owner = ARGV[4]
    g.update_time = ARGV[5]
    local out = cjson.encode(g)
    redis.call('SET', gkey(gid), out)
    redis.call('ZADD', KEYS[1], ARGV[3], gid)
    retain(gid, tonumber(ARGV[7]))
    return out
  end
  redis.call('ZREM', KEYS[1], gid)
end
prune(tonumber(ARGV[8]), tonumber(ARGV[7]))
return false
