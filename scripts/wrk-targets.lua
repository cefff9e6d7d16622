-- wrk script for a cross-check of `atalaya bench-serve` (a measurement only; no test needs
-- wrk): each connection sends the request targets of a file (one a line, as
-- `atalaya bench-serve --print-targets` writes them) in turn, each thread from its own start. wrk counts answers other than 2xx/3xx itself.
--   atalaya bench-serve --db STORE --print-targets > targets.txt
--   atalaya serve --db STORE --bind 127.0.0.1:8090 &
--   TARGETS=targets.txt wrk -t2 -c1000 -d30s --latency -s scripts/wrk-targets.lua http://127.0.0.1:8090
local targets = {}
local i = 0
local started = 0

-- Each thread starts at its own place in the list.
function setup(thread)
  started = started + 1
  thread:set("start", started * 7919)
end

function init(args)
  local file = assert(io.open(os.getenv("TARGETS") or "targets.txt"))
  for line in file:lines() do
    if #line > 0 then targets[#targets + 1] = line end
  end
  file:close()
  i = (tonumber(start) or 0) % #targets
end

function request()
  i = i % #targets + 1
  return wrk.format("GET", targets[i])
end
