-- wrk script of benchmarks/http_load.py: every connection goes round a list of GET requests, each
-- sent as the person it is for (a session cookie, or none for the public), then prints one
-- line of figures that http_load.py reads.
--   wrk -s rotate.lua http://host:port -- requests.tsv owner=<sessionid> reviewer=<sessionid>
-- requests.tsv: one request a line, "who<TAB>path" (who: anonymous, owner, reviewer).

local threads = {}
local next_id = 0

function setup(thread)
  -- Each thread starts at another place in the list, so a mix is a mix from the first second.
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

local requests = {}
local counter = 0

function init(args)
  local cookies = {}
  for i = 2, #args do
    local who, session = args[i]:match("^([^=]+)=(.*)$")
    cookies[who] = session
  end
  for line in io.lines(args[1]) do
    local who, path = line:match("^(%S+)\t(.+)$")
    local headers = { ["Accept-Language"] = "ru", ["Accept-Encoding"] = "gzip" }
    if cookies[who] then
      headers["Cookie"] = "sessionid=" .. cookies[who]
    end
    requests[#requests + 1] = wrk.format("GET", path, headers)
  end
  counter = (id * 7919) % #requests
end

function request()
  counter = counter % #requests + 1
  return requests[counter]
end

function done(summary, latency, _requests)
  local errors = summary.errors
  io.write(string.format(
    "WRK requests=%d duration_us=%d p50_us=%d p95_us=%d p99_us=%d max_us=%d " ..
    "errors=%d status_errors=%d timeouts=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max,
    errors.connect + errors.read + errors.write, errors.status, errors.timeout))
end
