-- The audit entries of one gid or topic, newest first. KEYS[1] = <p>_audit
-- ARGV: prefix, target, most entries
-- Looks each id of <p>_audit_t_<target> up at the index its id implies (ids are
-- consecutive along the list); ids whose entry was dropped are skipped.
-- Returns the entries' JSON.
local ids = redis.call('LRANGE', akey(ARGV[2]), 0, tonumber(ARGV[3]) - 1)
if #ids == 0 then return {} end
local head = redis.call('LINDEX', KEYS[1], 0)
if not head then return {} end
local newest = tonumber(string.match(head, '^{"id":(%d+)'))
local out = {}
for _, id in ipairs(ids) do
  local index = newest - tonumber(id)
  if index >= 0 then
    local e = redis.call('LINDEX', KEYS[1], index)
    if e and string.match(e, '^{"id":(%d+)') == id then out[#out + 1] = e end
  end
end
return out
