-- wrk: GET a page of partners with the bearer token in the TOKEN environment variable.
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
