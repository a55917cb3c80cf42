-- wrk script for bench/storefront.sh: each connection's requests cycle through the paths listed
-- in the file named after "--" (one a line); each thread starts at its own offset so the threads
-- do not ask for the same page at the same moment. At the end, prints one machine-readable line.
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

local paths = {}
local next_path = 0

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then
      paths[#paths + 1] = line
    end
  end
  next_path = ((id or 0) * 7) % #paths
end

function request()
  next_path = next_path % #paths + 1
  return wrk.format(nil, paths[next_path])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d "
      .. "connect=%d read=%d write=%d status=%d timeout=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, e.connect, e.read, e.write, e.status, e.timeout))
end
