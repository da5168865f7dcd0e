-- wrk script of Benchmarks/serve.sh: each connection asks for the tiles of a list file in turn
-- (`wrk ... -s serve_cycle.lua URL -- PATHS_FILE`), each wrk thread starting at its own offset,
-- and the run ends with one JSON line: requests, seconds, requests/s, p50/p99 latency, errors.
local paths = {}
local next_index = 0
local threads_made = 0

function setup(thread)
  thread:set("offset", threads_made * 101)
  threads_made = threads_made + 1
end

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  next_index = offset or 0
end

function request()
  next_index = next_index % #paths + 1
  return wrk.format("GET", paths[next_index])
end

function done(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "requests_per_second": %.1f, "p50_ms": %.3f, "p99_ms": %.3f, "bytes": %d, "errors": %d}\n',
    summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1e3,
    latency:percentile(99) / 1e3, summary.bytes, e.connect + e.read + e.write + e.status + e.timeout))
end
