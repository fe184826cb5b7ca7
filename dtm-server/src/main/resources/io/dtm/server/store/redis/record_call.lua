-- Record a branch call that did not succeed. KEYS[1] = <p>_bc_<gid> (hash)
-- ARGV: prefix, gid, field ('<branch_id>|<op>'), branch id, op, outcome, code, message,
--       time text, fallback ttl
-- Counts the call and makes it the last one. The hash expires with the transaction's
-- keys (the remaining life of _g_, else the fallback ttl); later writes of the
-- transaction renew it with them (retain).
-- Returns the number of unsuccessful calls recorded for the branch operation.
local gid, field = ARGV[2], ARGV[3]
local count = 0
local raw = redis.call('HGET', KEYS[1], field)
if raw then
  count = tonumber(cjson.decode(raw).failed_calls) or 0
end
count = count + 1
redis.call('HSET', KEYS[1], field, cjson.encode({
  branch_id = ARGV[4], op = ARGV[5], failed_calls = count, last_outcome = ARGV[6],
  last_code = ARGV[7], last_error = ARGV[8], last_time = ARGV[9] }))
local ttl = redis.call('TTL', gkey(gid))
if ttl <= 0 then ttl = tonumber(ARGV[10]) end
redis.call('EXPIRE', KEYS[1], ttl)
return count
