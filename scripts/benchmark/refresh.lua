-- wrk: refresh token rotation. Each connection starts from refresh tokens in REFRESH_FILE (one a line) and
-- always refreshes with the newest token it got back, so every request spends a token exactly once.
local threads = {}
local counter = 0

function setup(thread)
   counter = counter + 1
   thread:set("id", counter)
   table.insert(threads, thread)
end

function init(args)
   local all = {}
   for line in io.lines(os.getenv("REFRESH_FILE")) do table.insert(all, line) end
   local per_thread = math.floor(#all / counter_total())
   tokens = {}
   for i = (id - 1) * per_thread + 1, id * per_thread do table.insert(tokens, all[i]) end
   refreshes = 0
   failures = 0
end

function counter_total()
   return tonumber(os.getenv("THREADS"))
end

function request()
   local token = table.remove(tokens, 1)
   if not token then return wrk.format("GET", "/healthz") end
   return wrk.format("POST", "/connect/token", {["Content-Type"] = "application/x-www-form-urlencoded"},
      "grant_type=refresh_token&client_id=demo-native.xena.biz&refresh_token=" .. token)
end

function response(status, headers, body)
   local token = body:match('"refresh_token":"([^"]+)"')
   if status == 200 and token then
      refreshes = refreshes + 1
      table.insert(tokens, token)
   else
      failures = failures + 1
   end
end

function done(summary, latency, requests)
   local total, failed = 0, 0
   for _, thread in ipairs(threads) do
      total = total + thread:get("refreshes")
      failed = failed + thread:get("failures")
   end
   io.write(string.format("REFRESHES %d FAILURES %d SECONDS %.3f\n", total, failed, summary.duration / 1e6))
end
