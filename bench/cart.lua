-- wrk script for bench/guard.sh: each request creates a cart through the store API (a POST with a
-- JSON body, through validation, the admission line and one short transaction). Prints the same
-- machine-readable line as paths.lua.
wrk.method = "POST"
wrk.body = '{"currency": "EUR", "country": "FR", "locale": "fr"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d "
      .. "connect=%d read=%d write=%d status=%d timeout=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, e.connect, e.read, e.write, e.status, e.timeout))
end
