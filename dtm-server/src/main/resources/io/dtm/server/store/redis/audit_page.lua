-- A page of the audit trail, newest first. KEYS[1] = <p>_audit
-- ARGV: prefix, id the page ends before ('' for the newest), page size
-- Ids are consecutive along the list, so the entry with id n is at index newest - n.
-- Returns the entries' JSON.
local head = redis.call('LINDEX', KEYS[1], 0)
if not head then return {} end
local newest = tonumber(string.match(head, '^{"id":(%d+)'))
local start = 0
if ARGV[2] ~= '' then start = math.max(0, newest - tonumber(ARGV[2]) + 1) end
return redis.call('LRANGE', KEYS[1], start, start + tonumber(ARGV[3]) - 1)
