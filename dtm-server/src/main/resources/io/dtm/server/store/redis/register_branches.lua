-- LockGlobalSaveBranches for a registration. KEYS[1] = <p>_b_<gid>
-- ARGV: prefix, gid, ttl, then per branch: branch_id, op, branch JSON after '{'
-- Returns 1 when appended, 0 when the transaction is not prepared (NOT_FOUND),
-- -1 when a (branch_id, op) is already registered (UNIQUE_CONFLICT); nothing is written
-- unless 1 is returned.
local gid = ARGV[2]
if redis.call('GET', skey(gid)) ~= 'prepared' then return 0 end
local seen = {}
for _, e in ipairs(redis.call('LRANGE', KEYS[1], 0, -1)) do
  local b = cjson.decode(e)
  seen[(b.branch_id or '') .. '\n' .. (b.op or '')] = true
end
local n = (#ARGV - 3) / 3
for i = 1, n do
  local k = ARGV[3 * i + 1] .. '\n' .. ARGV[3 * i + 2]
  if seen[k] then return -1 end
  seen[k] = true
end
if n > 0 then
  local first = redis.call('INCRBY', P .. '_seq_b', n) - n + 1
  local rows = {}
  for i = 1, n do
    rows[i] = '{"id":' .. int(first + i - 1) .. ',' .. ARGV[3 * i + 3]
  end
  rpush_all(KEYS[1], rows)
end
retain(gid, tonumber(ARGV[3]))
return 1
