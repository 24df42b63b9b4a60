-- wrk: client_credentials tokens for the demo service account.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic ZGVtby1zZXJ2aWNlLnhlbmEuYml6OmRlbW8tc2VydmljZS1zZWNyZXQ="
wrk.body = "grant_type=client_credentials&scope=testapi"

function response(status, headers, body)
   if status ~= 200 then errors = (errors or 0) + 1 end
end
