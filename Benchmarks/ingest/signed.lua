-- wrk script: POSTs the pre-signed requests in REQUESTS_FILE, each thread its own share, so no request is
-- sent twice (a repeat would be a duplicate, which ticketgate answers without storing).
local threads = {}
local counter = 0

function setup(thread)
  thread:set("thread_index", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  local path = os.getenv("REQUESTS_FILE")
  local thread_count = tonumber(os.getenv("WRK_THREADS"))
  bodies, signatures = {}, {}
  local line_number = 0
  for line in io.lines(path) do
    if line_number % thread_count == thread_index then
      local tab = line:find("\t", 1, true)
      table.insert(bodies, line:sub(1, tab - 1))
      table.insert(signatures, line:sub(tab + 1))
    end
    line_number = line_number + 1
  end
  next_index = 1
end

function request()
  local index = next_index
  next_index = next_index % #bodies + 1
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json", ["X-Signature"] = signatures[index] }, bodies[index])
end
