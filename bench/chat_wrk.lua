-- wrk script of bench/chat_wrk.py (not run by hand: the Python script writes its data file).
--
-- CHAT_WRK_REPORT (always): done() writes wrk's figures there as JSON (latency in µs).
-- CHAT_WRK_DATA (the /chat runs only): tab-separated lines written by chat_wrk.py:
--   slot    <n> <session id, empty: open one> <lesson id> <step> <Authorization header>
--   lesson  <lesson id> <JSON string of the lesson id>
--   answer  <lesson id> <step> <kind> <JSON string of the message>
-- CHAT_WRK_STATE (optional): done() writes every slot there as a `slot` line, with the session
-- it was playing when the run stopped (chat_wrk.py reads where each stands from the server
-- before the next run: a turn still in flight at the end may have moved it on).
--
-- Every slot is a learner in a lesson session: the first try at a step is a wrong answer (a
-- kind other than "right") with probability CHAT_WRK_WRONG_RATE, then the right one; the
-- server's reply (lesson.step, lesson.completed) moves the learner on, and a finished lesson
-- opens a session of the next lesson on that slot. A slot is never sent again before its reply
-- came back (two turns racing on one session would be a 409), so the connections cycle through
-- the free slots.
--
-- Which slot a reply belongs to: every request carries `X-Request-ID: s<slot>.<n>`, which the
-- server echoes on every response, errors included (kit/request_context.py). wrk's response()
-- does not say which request it answers, and a reply body that names a session says nothing
-- about an error or a new session, so guessing (as this script once did) freed the wrong slots
-- and sent two turns of one session at once: 404s and 409s. A reply frees exactly its slot.

local data_path = os.getenv("CHAT_WRK_DATA")
local report_path = os.getenv("CHAT_WRK_REPORT")
local state_path = os.getenv("CHAT_WRK_STATE")
local wrong_rate = tonumber(os.getenv("CHAT_WRK_WRONG_RATE") or "0.3")
local opening_message = '"Dzie\\u0144 dobry"'

local threads = {}

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

counts = {}
-- Every slot as its `slot` line, kept up to date, for done() to copy out of the thread (wrk's
-- thread:get copies a table of strings; a table of tables crashes it).
slot_lines = {}

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
  local slots, answers, lesson_json, order, lesson_index = {}, {}, {}, {}, {}
  local cursor, sent = 0, 0

  -- A slot whose sid is "" opens a session of the lesson after its last one.
  local function remember(index, slot)
    slot_lines[index] = table.concat(
      {"slot", slot.n, slot.sid, slot.lesson, slot.step, slot.auth}, "\t")
  end

  function init(args)
    local nthreads = tonumber(os.getenv("CHAT_WRK_THREADS") or "1")
    math.randomseed(tonumber(os.getenv("CHAT_WRK_SEED") or "1") * 97 + (tid or 0))
    for line in io.lines(data_path) do
      local f = split(line)
      if f[1] == "slot" and tonumber(f[2]) % nthreads == (tid or 0) then
        table.insert(slots, {n = tonumber(f[2]), sid = f[3], lesson = f[4],
                             step = tonumber(f[5]), auth = f[6], tried = false, busy = false})
        remember(#slots, slots[#slots])
      elseif f[1] == "lesson" then
        table.insert(order, f[2])
        lesson_json[f[2]] = f[3]
        lesson_index[f[2]] = #order
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

  local function turn(index, slot)
    slot.busy = true
    sent = sent + 1
    local body
    if slot.sid == "" then
      -- the next lesson after this slot's last one
      local next_lesson = (lesson_index[slot.lesson] or 0) % #order + 1
      slot.lesson, slot.step, slot.tried = order[next_lesson], 0, false
      remember(index, slot)
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
    return wrk.format("POST", "/chat", {
      ["Content-Type"] = "application/json",
      ["Authorization"] = slot.auth,
      ["X-Request-ID"] = "s" .. index .. "." .. sent,
    }, body)
  end

  function request()
    local n = #slots
    for _ = 1, n do
      cursor = cursor % n + 1
      if not slots[cursor].busy then
        return turn(cursor, slots[cursor])
      end
    end
    -- Cannot happen while --sessions >= --connections (a slot is busy only while one of the
    -- connections waits for its reply); chat_wrk.py fails the run if it is ever counted.
    count("no_free_slot")
    return wrk.format("GET", "/healthz")
  end

  local function answered(index, slot, status, body)
    slot.busy = false
    if status ~= 200 then
      local code = body:match('"code"%s*:%s*"([%w_]+)"') or "none"
      count("error_" .. status .. "_" .. code)
      if status == 404 then slot.sid = "" end  -- a session we cannot use: open another
      return
    end
    count("ok")
    local verdict = body:match('"verdict"%s*:%s*"(%a+)"')
    count("verdict_" .. (verdict or "none"))
    if slot.sid == "" then
      slot.sid = body:match('"session_id"%s*:%s*"([%x%-]+)"') or ""
      count("sessions_opened")
    end
    local lesson = body:match('"lesson"%s*:%s*(%b{})')
    if lesson == nil then
      count("reply_without_lesson")
      return
    end
    if lesson:match('"completed"%s*:%s*true') then
      count("lessons_completed")
      slot.sid = ""
      return
    end
    local step = tonumber(lesson:match('"step"%s*:%s*(%d+)'))
    if step ~= nil and step ~= slot.step then
      slot.step, slot.tried = step, false
    end
  end

  function response(status, headers, body)
    local id = headers["x-request-id"] or headers["X-Request-ID"] or ""
    local index = tonumber(id:match("^s(%d+)%.") or "")
    local slot = index and slots[index]
    if slot == nil then
      count("reply_unmatched")
      return
    end
    answered(index, slot, status, body)
    remember(index, slot)
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
  if state_path then
    local state = assert(io.open(state_path, "w"))
    for _, thread in ipairs(threads) do
      for _, line in ipairs(thread:get("slot_lines") or {}) do
        state:write(line .. "\n")
      end
    end
    state:close()
  end
end
