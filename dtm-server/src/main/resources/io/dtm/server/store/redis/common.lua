-- Shared part of every dtm-java store script; the script body follows it.
-- ARGV[1] is always the key prefix. Keys other than KEYS[1] are derived from it; with a
-- hash-tag prefix they all live in the slot of KEYS[1], as a Redis Cluster requires.
local P = ARGV[1]
local U = P .. '_u'
local ALL = P .. '_all'
local EXP = P .. '_exp'

local function gkey(gid) return P .. '_g_' .. gid end
local function bkey(gid) return P .. '_b_' .. gid end
local function skey(gid) return P .. '_s_' .. gid end
local function ckey(gid) return P .. '_bc_' .. gid end
local function akey(target) return P .. '_audit_t_' .. target end

local function unfinished(status)
  return status == 'prepared' or status == 'submitted' or status == 'aborting'
end

local function int(n) return string.format('%d', n) end

local function server_now() return tonumber(redis.call('TIME')[1]) end

-- Let the keys of a transaction (dtm's three and its branch call records, if any) expire
-- together after ttl seconds, and remember when, so the indexes can be pruned once they
-- are gone.
local function retain(gid, ttl)
  redis.call('EXPIRE', gkey(gid), ttl)
  redis.call('EXPIRE', skey(gid), ttl)
  redis.call('EXPIRE', bkey(gid), ttl)
  redis.call('EXPIRE', ckey(gid), ttl)
  redis.call('ZADD', EXP, server_now() + ttl, gid)
end

-- Drop the index entries of up to limit transactions whose data has expired.
local function prune(limit, fallback_ttl)
  local now = server_now()
  local due = redis.call('ZRANGEBYSCORE', EXP, '-inf', now, 'LIMIT', 0, limit)
  for _, gid in ipairs(due) do
    local ttl = redis.call('TTL', gkey(gid))
    if ttl == -2 then
      redis.call('ZREM', EXP, gid)
      redis.call('ZREM', ALL, gid)
      redis.call('ZREM', U, gid)
      redis.call('DEL', skey(gid), bkey(gid), ckey(gid))
    elseif ttl == -1 then
      redis.call('ZADD', EXP, now + fallback_ttl, gid)
    else
      redis.call('ZADD', EXP, now + ttl, gid)
    end
  end
  return #due
end

-- Push many values onto a list without exceeding Lua's unpack limit.
local function rpush_all(key, values)
  local chunk = 500
  for i = 1, #values, chunk do
    redis.call('RPUSH', key, unpack(values, i, math.min(i + chunk - 1, #values)))
  end
end

