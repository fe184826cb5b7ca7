-- Delete the branch call records of some transactions. KEYS = <p>_bc_<gid> each
-- ARGV: prefix. Returns the number of records (hash fields) deleted.
local n = 0
for _, key in ipairs(KEYS) do
  n = n + redis.call('HLEN', key)
  redis.call('DEL', key)
end
return n
