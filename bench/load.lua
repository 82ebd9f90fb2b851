-- wrk script: method, body and headers come from the environment (set by bench/throughput.py).
--   BENCH_METHOD  GET, PUT, PATCH...
--   BENCH_BODY    request body (may be empty)
--   BENCH_HEADERS header lines "Name: value", separated by newlines
wrk.method = os.getenv("BENCH_METHOD") or "GET"
local body = os.getenv("BENCH_BODY") or ""
if body ~= "" then
  wrk.body = body
end
for line in string.gmatch(os.getenv("BENCH_HEADERS") or "", "[^\n]+") do
  local name, value = string.match(line, "^([^:]+):%s*(.*)$")
  if name then
    wrk.headers[name] = value
  end
end
