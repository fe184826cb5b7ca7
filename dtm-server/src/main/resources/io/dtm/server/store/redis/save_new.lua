-- MaySaveNewTrans. KEYS[1] = <p>_g_<gid>
-- ARGV: prefix, gid, status, global JSON after '{', next cron score, ttl, prune limit,
--       fallback ttl, then one branch JSON (after '{') per branch
-- Returns 0 when the gid exists (UNIQUE_CONFLICT); else the id of the first branch when
-- there are branches (the others follow it one by one), else the new global id.
local gid, status = ARGV[2], ARGV[3]
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local ttl = tonumber(ARGV[6])
prune(tonumber(ARGV[7]), tonumber(ARGV[8]))
local id = redis.call('INCR', P .. '_seq_g')
redis.call('SET', KEYS[1], '{"id":' .. int(id) .. ',' .. ARGV[4])
redis.call('SET', skey(gid), status)
redis.call('DEL', bkey(gid))
local n = #ARGV - 8
local first = 0
if n > 0 then
  first = redis.call('INCRBY', P .. '_seq_b', n) - n + 1
  local rows = {}
  for i = 1, n do
    rows[i] = '{"id":' .. int(first + i - 1) .. ',' .. ARGV[8 + i]
  end
  rpush_all(bkey(gid), rows)
end
if unfinished(status) then redis.call('ZADD', U, ARGV[5], gid) end
redis.call('ZADD', ALL, id, gid)
retain(gid, ttl)
if n > 0 then return first end
return id
