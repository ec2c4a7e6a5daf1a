-- wrk script of bench/chat_wrk.py (not run by hand: the Python script writes its data file).
--
-- CHAT_WRK_REPORT (always): done() writes wrk's figures there as JSON (latency in µs).
-- CHAT_WRK_DATA (the /chat run only): tab-separated lines written by chat_wrk.py:
--   slot    <n> <session id> <lesson id> <step> <Authorization header>
--   lesson  <lesson id> <JSON string of the lesson id>
--   answer  <lesson id> <step> <kind> <JSON string of the message>
-- Every slot is an open lesson session played by a learner: the first try at a step is a
-- wrong answer (a kind other than "right") with probability CHAT_WRK_WRONG_RATE, then the
-- right one; the server's reply (lesson.step, lesson.completed) moves the learner on. A slot
-- is never sent again before its reply came back (two turns racing on one session are a 409),
-- so the connections cycle through the free sessions; a finished lesson opens a new session
-- of the next lesson on that slot (one opening in flight at a time: its reply's new session
-- id tells which slot it was).

local data_path = os.getenv("CHAT_WRK_DATA")
local report_path = os.getenv("CHAT_WRK_REPORT")
local wrong_rate = tonumber(os.getenv("CHAT_WRK_WRONG_RATE") or "0.3")
local opening_message = '"Dzie\\u0144 dobry"'

local threads = {}

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

counts = {}

local function count(name)
  counts[name] = (counts[name] or 0) + 1
end

local function split(line)
  local fields = {}
  for field in (line .. "\t"):gmatch("([^\t]*)\t") do
    table.insert(fields, field)
  end
  return fields
end

if data_path then
  local slots, answers, lesson_json, order = {}, {}, {}, {}
  local by_session = {}
  local cursor, next_lesson = 0, 0
  local opener = nil

  function init(args)
    local nthreads = tonumber(os.getenv("CHAT_WRK_THREADS") or "1")
    math.randomseed(tonumber(os.getenv("CHAT_WRK_SEED") or "1") * 97 + (tid or 0))
    for line in io.lines(data_path) do
      local f = split(line)
      if f[1] == "slot" and tonumber(f[2]) % nthreads == (tid or 0) then
        local slot = {sid = f[3], lesson = f[4], step = tonumber(f[5]), auth = f[6],
                      tried = false, busy = false, sent = 0}
        table.insert(slots, slot)
        by_session[slot.sid] = slot
      elseif f[1] == "lesson" then
        table.insert(order, f[2])
        lesson_json[f[2]] = f[3]
      elseif f[1] == "answer" then
        local key = f[2] .. "\t" .. f[3]
        local kinds = answers[key] or {wrong = {}}
        answers[key] = kinds
        if kinds[f[4]] == nil then
          kinds[f[4]] = {}
          if f[4] ~= "right" then table.insert(kinds.wrong, f[4]) end
        end
        table.insert(kinds[f[4]], f[5])
      end
    end
  end

  local function pick(list)
    return list[math.random(#list)]
  end

  local function turn(slot)
    slot.busy = true
    slot.sent = os.time()
    local body
    if slot.sid == nil then
      next_lesson = next_lesson % #order + 1
      slot.lesson, slot.step, slot.tried = order[next_lesson], 0, false
      opener = slot
      count("sent_opening")
      body = '{"lesson_id":' .. lesson_json[slot.lesson] .. ',"message":' .. opening_message .. '}'
    else
      local kinds = answers[slot.lesson .. "\t" .. slot.step]
      local kind = "right"
      if kinds == nil then
        kinds = {right = {opening_message}}
        count("sent_unknown_step")
      elseif not slot.tried and #kinds.wrong > 0 and math.random() < wrong_rate then
        kind = pick(kinds.wrong)
      end
      slot.tried = true
      count("sent_" .. kind)
      body = '{"session_id":"' .. slot.sid .. '","message":' .. pick(kinds[kind]) .. '}'
    end
    return wrk.format("POST", "/chat",
      {["Content-Type"] = "application/json", ["Authorization"] = slot.auth}, body)
  end

  function request()
    local n = #slots
    for _ = 1, n do
      cursor = cursor % n + 1
      local slot = slots[cursor]
      if not slot.busy and not (slot.sid == nil and opener ~= nil) then
        return turn(slot)
      end
    end
    -- Every slot waits for a reply (only after lost replies): take the one waiting longest.
    count("forced")
    local oldest = slots[1]
    for _, slot in ipairs(slots) do
      if slot.sent < oldest.sent and slot.sid ~= nil then oldest = slot end
    end
    return turn(oldest)
  end

  function response(status, headers, body)
    local sid = body:match('"session_id"%s*:%s*"([%x%-]+)"')
    local slot = sid and by_session[sid]
    -- Only a lesson's first reply opens a session: a late reply to a forced duplicate of a
    -- finished session's turn names a session that is no longer ours and must not be taken
    -- for the opener's (its token would then go with another account's session: 404s).
    local first = body:match('"lesson"%s*:%s*{[^}]*"step"%s*:%s*0[,}]') ~= nil
      and not body:match('"completed"%s*:%s*true')
    if slot == nil and status == 200 and sid and opener ~= nil and first then
      slot, opener = opener, nil
      slot.sid = sid
      by_session[sid] = slot
    end
    if status ~= 200 or slot == nil then
      count("reply_" .. status)
      -- The reply names no session of ours: free the slot waiting longest.
      local oldest = nil
      for _, s in ipairs(slots) do
        if s.busy and (oldest == nil or s.sent < oldest.sent) then oldest = s end
      end
      if oldest ~= nil then
        oldest.busy = false
        if oldest == opener then opener = nil; oldest.sid = nil end
      end
      return
    end
    slot.busy = false
    local verdict = body:match('"verdict"%s*:%s*"(%a+)"')
    count("verdict_" .. (verdict or "none"))
    local lesson = body:match('"lesson"%s*:%s*(%b{})')
    if lesson == nil then
      count("reply_without_lesson")
      return
    end
    if lesson:match('"completed"%s*:%s*true') then
      count("lessons_completed")
      by_session[slot.sid] = nil
      slot.sid = nil
      return
    end
    local step = tonumber(lesson:match('"step"%s*:%s*(%d+)'))
    if step ~= nil and step ~= slot.step then
      slot.step, slot.tried = step, false
    end
  end
end

local function json_object(tbl)
  local parts = {}
  for key, value in pairs(tbl) do
    table.insert(parts, string.format('"%s":%s', key, tostring(value)))
  end
  return "{" .. table.concat(parts, ",") .. "}"
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    local thread_counts = thread:get("counts") or {}
    for key, value in pairs(thread_counts) do
      totals[key] = (totals[key] or 0) + value
    end
  end
  local lat = {
    p50 = latency:percentile(50), p90 = latency:percentile(90),
    p95 = latency:percentile(95), p99 = latency:percentile(99),
    p999 = latency:percentile(99.9), mean = latency.mean, max = latency.max,
    stdev = latency.stdev,
  }
  local out = {
    requests = summary.requests, duration_us = summary.duration, bytes = summary.bytes,
    errors = json_object(summary.errors), latency_us = json_object(lat),
    counts = json_object(totals),
  }
  local file = assert(io.open(report_path, "w"))
  file:write(json_object(out))
  file:close()
end
