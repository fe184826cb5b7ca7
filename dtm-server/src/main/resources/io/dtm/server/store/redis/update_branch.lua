-- LockGlobalSaveBranches for one branch. KEYS[1] = <p>_b_<gid>
-- ARGV: prefix, gid, expected global status, branch row id, new status, now text, ttl
-- Branch row ids increase along the list, so the row is found by its position guess
-- (ids of one save are consecutive) or by binary search; rows are never removed.
-- Returns 1 when applied, 0 when the global status differs or the row is unknown.
local gid, target, status, now = ARGV[2], tonumber(ARGV[4]), ARGV[5], ARGV[6]
if redis.call('GET', skey(gid)) ~= ARGV[3] then return 0 end
local n = redis.call('LLEN', KEYS[1])
if n == 0 then return 0 end
local function row(i)
  local e = redis.call('LINDEX', KEYS[1], i)
  return tonumber(string.match(e, '"id":(%d+)')), e
end
local first = row(0)
local index, elem
local guess = target - first
if guess >= 0 and guess < n then
  local id, e = row(guess)
  if id == target then index, elem = guess, e end
end
if not index and guess >= 0 then
  local lo, hi = 0, math.min(n - 1, guess)
  while lo <= hi do
    local mid = math.floor((lo + hi) / 2)
    local id, e = row(mid)
    if id == target then index, elem = mid, e break
    elseif id < target then lo = mid + 1
    else hi = mid - 1 end
  end
end
if not index then return 0 end
local b = cjson.decode(elem)
b.status = status
b.update_time = now
if status == 'succeed' then b.finish_time = now end
if status == 'failed' then b.rollback_time = now end
redis.call('LSET', KEYS[1], index, cjson.encode(b))
retain(gid, tonumber(ARGV[7]))
return 1
