-- One draw, atomically: replay, the user's rate limit, campaign-wide rate limit, the user's participation
-- limits, and one unit of the picked prize's stock (never below zero). All keys share one
-- hash tag: the campaign's, or the user's stock bucket's.
--
-- KEYS: 1 draw record (hash)   2 participation (hash)   3 stock of the picked prize (unused without a prize)
--       4 pending wins (zset)  5 tally (hash)            6 this second's admission counter
--       7 claimants of the picked prize (set: users answered other than sold-out for it)
--       8 the user's draws in this window of the per-user rate limit (unused without one)
--       9 the picked prize's bucket marker: "drained" (every other bucket was found empty) or "lent" (this
--         bucket lent units a moment ago, which may still be on their way to the borrower)
-- ARGV: 1 draw id   2 prize id ("" = no prize picked)   3 total limit (0 = none)   4 daily limit (0 = none)
--       5 today's field   6 now (ms)   7 record TTL (s)   8 participation TTL (s)   9 admissions per second
--       (0 = none)   10 the pick   11 total weight   12 pending member   13 user id
--       14 most claimants to return with a fresh sold-out answer (0 = none)
--       15 draws per user and window (0 = no per-user rate limit)   16 the window's length (s)
--       17 stock mode: "" (the raffle has one bucket), "probe" (first pass in one of several buckets), "credit"
--          (second pass, after the other buckets were asked to lend)   18 units lent to this bucket (credit)
--       19 "drained" when every other bucket answered empty with nothing on its way (credit)
--       20 how long (ms) a drained bucket answers sold-out without asking the others again
-- A raffle's state may be spread over several buckets (hash tags); every key here is in the user's bucket. In
-- "probe" mode a draw whose bucket holds none of the picked prize is answered "bucket-empty" with nothing
-- recorded and no participation counted (only the rates, which the credit pass then skips), unless the bucket
-- is marked drained; the caller then borrows from the other buckets and runs the credit pass, which first adds
-- the lent units (or marks the bucket drained) and then draws as usual. A sold-out answer lists claimants only
-- where sold-out is known for the whole raffle: one bucket, or a drained one.
-- Returns {outcome, prize id, draw id, replayed (0/1), claimants...}. Outcomes: bucket-empty (see above), pending
-- (won in Redis, grant not yet confirmed), lost, sold-out, limited (user over a participation limit), rate-limited (user over the
-- per-user rate limit; not recorded, nothing counted), throttled (campaign over its rate; not recorded). A replay
-- comes first, so a repeated key costs no unit of any limit; a draw refused by a rate is not recorded, so a retry
-- of its key after the window is a fresh attempt. A fresh sold-out answer lists the prize's claimants after a
-- "claimants" marker when they are at most ARGV[14], so the instance may answer that prize's other draws itself.
local mode = ARGV[17] or ''
if mode == 'credit' then
  -- Lent units join this bucket's stock whatever this draw then decides, so none is lost on the way.
  local lent = tonumber(ARGV[18])
  if lent > 0 then
    redis.call('INCRBY', KEYS[3], lent)
    if redis.call('GET', KEYS[9]) == 'drained' then
      redis.call('DEL', KEYS[9])
    end
  elseif ARGV[19] == 'drained' then
    redis.call('SET', KEYS[9], 'drained', 'PX', tonumber(ARGV[20]))
  end
end

local record = redis.call('HMGET', KEYS[1], 'outcome', 'prize', 'draw')
if record[1] then
  return {record[1], record[2] or '', record[3] or '', 1}
end

-- The user's rate first, read only: a user over it takes no admission from the campaign's second.
local perUser = tonumber(ARGV[15])
local counted = mode == 'credit'
if not counted and perUser > 0 and tonumber(redis.call('GET', KEYS[8]) or '0') >= perUser then
  redis.call('HINCRBY', KEYS[5], 'rate-limited', 1)
  return {'rate-limited', '', ARGV[1], 0}
end

local rate = tonumber(ARGV[9])
if not counted and rate > 0 then
  local admitted = redis.call('INCR', KEYS[6])
  if admitted == 1 then
    redis.call('EXPIRE', KEYS[6], 2)
  end
  if admitted > rate then
    redis.call('HINCRBY', KEYS[5], 'throttled', 1)
    return {'throttled', '', ARGV[1], 0}
  end
end

if not counted and perUser > 0 and redis.call('INCR', KEYS[8]) == 1 then
  redis.call('EXPIRE', KEYS[8], tonumber(ARGV[16]))
end

local outcome
local prize = ARGV[2]
local total, perDay = tonumber(ARGV[3]), tonumber(ARGV[4])
if (total > 0 and tonumber(redis.call('HGET', KEYS[2], 'total') or '0') >= total)
    or (perDay > 0 and tonumber(redis.call('HGET', KEYS[2], ARGV[5]) or '0') >= perDay) then
  outcome = 'limited'
  if prize ~= '' then
    redis.call('SADD', KEYS[7], ARGV[13])
    redis.call('EXPIRE', KEYS[7], tonumber(ARGV[8]))
  end
  prize = ''
else
  if mode == 'probe' and prize ~= '' and tonumber(redis.call('GET', KEYS[3]) or '0') < 1
      and redis.call('GET', KEYS[9]) ~= 'drained' then
    return {'bucket-empty', prize, ARGV[1], 0}
  end
  redis.call('HINCRBY', KEYS[2], 'total', 1)
  redis.call('HINCRBY', KEYS[2], ARGV[5], 1)
  redis.call('EXPIRE', KEYS[2], tonumber(ARGV[8]))
  if prize == '' then
    outcome = 'lost'
  elseif tonumber(redis.call('GET', KEYS[3]) or '0') >= 1 then
    redis.call('DECR', KEYS[3])
    redis.call('ZADD', KEYS[4], tonumber(ARGV[6]), ARGV[12])
    redis.call('SADD', KEYS[7], ARGV[13])
    redis.call('EXPIRE', KEYS[7], tonumber(ARGV[8]))
    outcome = 'pending'
  else
    outcome = 'sold-out'
  end
end

redis.call('HSET', KEYS[1], 'outcome', outcome, 'prize', prize, 'draw', ARGV[1], 'pick', ARGV[10],
  'weights', ARGV[11], 'at', ARGV[6], 'day', ARGV[5])
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[7]))
redis.call('HINCRBY', KEYS[5], outcome, 1)
local most = tonumber(ARGV[14])
if outcome == 'sold-out' and most > 0 and (mode == '' or redis.call('GET', KEYS[9]) == 'drained')
    and redis.call('SCARD', KEYS[7]) <= most then
  local answer = {outcome, prize, ARGV[1], 0, 'claimants'}
  for _, user in ipairs(redis.call('SMEMBERS', KEYS[7])) do
    answer[#answer + 1] = user
  end
  return answer
end
return {outcome, prize, ARGV[1], 0}
