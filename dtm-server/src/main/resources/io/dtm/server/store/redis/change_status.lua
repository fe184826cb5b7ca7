-- ChangeGlobalStatus. KEYS[1] = <p>_g_<gid>
-- ARGV: prefix, gid, from, to, rollback reason, '1' to store the reason, now text, ttl,
--       result, '1' to store the result
-- Returns 1 when applied, 0 when the status is not `from` (NOT_FOUND).
local gid, from, to, now = ARGV[2], ARGV[3], ARGV[4], ARGV[7]
if redis.call('GET', skey(gid)) ~= from then return 0 end
local raw = redis.call('GET', KEYS[1])
if not raw then return 0 end
local g = cjson.decode(raw)
g.status = to
g.update_time = now
if to == 'succeed' then g.finish_time = now end
if to == 'failed' then g.rollback_time = now end
if ARGV[6] == '1' then
  if ARGV[5] == '' then g.rollback_reason = nil else g.rollback_reason = ARGV[5] end
end
if ARGV[10] == '1' then
  if ARGV[9] == '' then g.result = nil else g.result = ARGV[9] end
end
redis.call('SET', KEYS[1], cjson.encode(g))
redis.call('SET', skey(gid), to)
if not unfinished(to) then redis.call('ZREM', U, gid) end
retain(gid, tonumber(ARGV[8]))
return 1
