-- Add an audit entry. KEYS[1] = <p>_audit (list, newest first)
-- ARGV: prefix, entry JSON after '{', target, most entries kept
-- The entry gets the next id of <p>_seq_audit, so ids are consecutive along the list;
-- <p>_audit_t_<target> lists the ids of one target, newest first. Entries beyond the
-- maximum are dropped oldest first with their target index entries (up to 100 per call;
-- a larger excess, after the maximum was lowered, is cut with LTRIM and the index
-- entries left behind are skipped when read). Nothing expires.
-- Returns the id.
local id = redis.call('INCR', P .. '_seq_audit')
redis.call('LPUSH', KEYS[1], '{"id":' .. int(id) .. ',' .. ARGV[2])
redis.call('LPUSH', akey(ARGV[3]), int(id))
local max = tonumber(ARGV[4])
local over = redis.call('LLEN', KEYS[1]) - max
for _ = 1, math.min(over, 100) do
  local e = cjson.decode(redis.call('RPOP', KEYS[1]))
  -- the oldest entry of the trail is the oldest of its target: the tail of the index
  redis.call('LREM', akey(e.target), -1, int(e.id))
end
if over > 100 then redis.call('LTRIM', KEYS[1], 0, max - 1) end
return id
