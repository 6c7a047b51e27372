-- wrk script for bench/payloads.sh: POSTs the body in the file named by BODY_FILE to
-- /_dash-update-component.
local file = assert(io.open(os.getenv("BODY_FILE"), "rb"))
wrk.method = "POST"
wrk.path = "/_dash-update-component"
wrk.headers["Content-Type"] = "application/json"
wrk.body = file:read("*a")
file:close()
