-- wrk script of the Pitchwise load test (bench/load.py writes the requests and runs wrk with it).
-- Arguments after "--": the requests file (one "METHOD<TAB>PATH<TAB>BODY" a line) and the API key.
-- Each thread starts at its own offset and rotates through the requests; every response that is not
-- 2xx is counted, and done() prints one line "PITCHWISE_LOAD {json}" with the totals.

local threads = {}
local counter = 1

function setup(thread)
  thread:set("offset", #threads * 7919)
  table.insert(threads, thread)
end

function init(args)
  local file = assert(io.open(args[1], "r"))
  requests = {}
  for line in file:lines() do
    local method, path, body = line:match("^(%u+)\t([^\t]+)\t?(.*)$")
    local headers = {["Authorization"] = "Bearer " .. args[2]}
    if body == "" then
      body = nil
    else
      headers["Content-Type"] = "application/json"
    end
    table.insert(requests, wrk.format(method, path, headers, body))
  end
  file:close()
  counter = (offset or 0) % #requests + 1
  non2xx = 0
  statuses = {}
end

function request()
  local r = requests[counter]
  counter = counter % #requests + 1
  return r
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    statuses[status] = (statuses[status] or 0) + 1
  end
end

function done(summary, latency, requests)
  local non2xx_total = 0
  local merged, by_status = {}, {}
  for _, thread in ipairs(threads) do
    non2xx_total = non2xx_total + thread:get("non2xx")
    for status, n in pairs(thread:get("statuses")) do
      merged[status] = (merged[status] or 0) + n
    end
  end
  for status, n in pairs(merged) do
    by_status[#by_status + 1] = string.format('"%d": %d', status, n)
  end
  local e = summary.errors
  io.write(string.format(
    'PITCHWISE_LOAD {"requests": %d, "duration_us": %d, "bytes": %d, "non_2xx": %d, "statuses": {%s}, '
      .. '"socket_errors": {"connect": %d, "read": %d, "write": %d, "timeout": %d}, '
      .. '"latency_us": {"mean": %.1f, "max": %d, "p50": %d, "p90": %d, "p99": %d}}\n',
    summary.requests, summary.duration, summary.bytes, non2xx_total, table.concat(by_status, ", "),
    e.connect, e.read, e.write, e.timeout,
    latency.mean, latency.max, latency:percentile(50), latency:percentile(90), latency:percentile(99)
  ))
end
