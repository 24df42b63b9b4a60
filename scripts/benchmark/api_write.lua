-- wrk: create partners (POST) with the bearer token in the TOKEN environment variable; counts non-200 answers.
wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"Name": "Bench ApS"}'

local failures = 0

function response(status, headers, body)
   if status ~= 200 then failures = failures + 1 end
end

function done(summary, latency, requests)
   io.write(string.format("WRITES %d ERRORS %d\n", summary.requests, summary.errors.status))
end
