-- wrk script for bench/actions.sh (MotCua's own benchmark of the dossier lifecycle).
--
-- BENCH_MODE:
--   get     GET /api/v1/dossiers/{code} for a random code of BENCH_FILE
--   assign  POST /api/v1/dossiers/{code}/actions {"action": "assign", "user_id": N} for a
--           random "code user_id" line of BENCH_FILE (a durable write and a chained event)
-- BENCH_TOKEN is sent as "Authorization: Bearer <token>". When wrk is done, one line
-- "RESULT key=value ..." sums the run up (non-2xx answers count as status_errors).

local mode = os.getenv("BENCH_MODE") or "get"
local token = os.getenv("BENCH_TOKEN") or ""
local file = os.getenv("BENCH_FILE") or ""
local requests = {}

function init(args)
  for line in io.lines(file) do
    local code, user = line:match("^(%S+)%s*(%S*)")
    if code then
      if mode == "assign" then
        local body = '{"action":"assign","user_id":' .. user .. '}'
        requests[#requests + 1] = wrk.format("POST", "/api/v1/dossiers/" .. code .. "/actions", {
          ["Authorization"] = "Bearer " .. token,
          ["Content-Type"] = "application/json",
        }, body)
      else
        requests[#requests + 1] = wrk.format("GET", "/api/v1/dossiers/" .. code, {
          ["Authorization"] = "Bearer " .. token,
        })
      end
    end
  end
  math.randomseed(os.time() + tonumber(tostring(requests):match("0x(%x+)") or "0", 16) % 1000)
end

function request()
  return requests[math.random(#requests)]
end

function done(summary, latency, _)
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "RESULT requests=%d rps=%.1f p50_us=%d p99_us=%d socket_errors=%d status_errors=%d\n",
    summary.requests, summary.requests / seconds, latency:percentile(50), latency:percentile(99),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
