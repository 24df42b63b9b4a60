-- wrk: complete authorization code + PKCE logins of the public native client: an authorize redirect, then the
-- code exchange, each login with its own PKCE pair (pairs are read from PKCE_FILE, one "verifier challenge" a line).
-- Codes wait in a per-thread queue; a connection exchanges one when there is one, else starts a new login.
local threads = {}
local counter = 0

function setup(thread)
   counter = counter + 1
   thread:set("id", counter)
   table.insert(threads, thread)
end

function init(args)
   pairs_list = {}
   for line in io.lines(os.getenv("PKCE_FILE")) do
      local verifier, challenge = line:match("(%S+) (%S+)")
      table.insert(pairs_list, {verifier, challenge})
   end
   -- Threads start at different places in the list so no pair is used twice.
   next_pair = (id - 1) * math.floor(#pairs_list / 2) + 1
   codes = {}
   logins = 0
   failures = 0
   redirect = "http%3A%2F%2F127.0.0.1%3A9999%2Fcallback"
   scope = os.getenv("SCOPE") or "openid%20testapi"
end

function request()
   local pending = table.remove(codes)
   if pending then
      local body = "grant_type=authorization_code&client_id=demo-native.xena.biz&redirect_uri=" .. redirect ..
         "&code=" .. pending[1] .. "&code_verifier=" .. pending[2]
      return wrk.format("POST", "/connect/token", {["Content-Type"] = "application/x-www-form-urlencoded"}, body)
   end
   local index = next_pair
   next_pair = next_pair + 1
   if next_pair > #pairs_list then next_pair = 1 end
   -- The state carries the pair's index, so the answer finds its verifier whatever connection it comes on.
   return wrk.format("GET", "/connect/authorize?client_id=demo-native.xena.biz&response_type=code&scope=" .. scope ..
      "&redirect_uri=" .. redirect .. "&code_challenge_method=S256&code_challenge=" .. pairs_list[index][2] .. "&state=" .. index)
end

function response(status, headers, body)
   if status == 302 then
      local location = headers["Location"] or ""
      local code = location:match("[?&]code=([^&]+)")
      local index = tonumber(location:match("[?&]state=(%d+)"))
      if code and index then table.insert(codes, {code, pairs_list[index][1]}) else failures = failures + 1 end
   elseif status == 200 then
      logins = logins + 1
   else
      failures = failures + 1
   end
end

function done(summary, latency, requests)
   local total, failed = 0, 0
   for _, thread in ipairs(threads) do
      total = total + thread:get("logins")
      failed = failed + thread:get("failures")
   end
   io.write(string.format("LOGINS %d FAILURES %d SECONDS %.3f\n", total, failed, summary.duration / 1e6))
end
