-- The trusted prelude of the RnnPlayground Lua host.
--
-- Runs once per Lua state, with the standard libraries the host opened, before any script. It
-- keeps private references to what scripts must never touch (load, xpcall, debug.*), builds the
-- whitelisted environment every script runs in, and returns the host's private table. Scripts
-- never see this chunk's globals: they are compiled with the environment built here as _ENV.
--
-- `native` holds C# functions; each returns `true, results...` or `false, message` and never
-- raises a Lua error itself. Its `file_hint` and `module_hint` say how scripts reach files and the
-- host's functions (the host's ScriptHints).

local native = ...

local load, xpcall, pcall, error, type, next, select = load, xpcall, pcall, error, type, next, select
local tostring, tonumber, rawget, rawset, rawequal, rawlen = tostring, tonumber, rawget, rawset, rawequal, rawlen
local getmetatable, setmetatable, collectgarbage = getmetatable, setmetatable, collectgarbage
local traceback, sethook, getinfo = debug.traceback, debug.sethook, debug.getinfo
local raw_getmetatable = debug.getmetatable
local running = coroutine.running
local concat, sort = table.concat, table.sort

-- The chunk name the host gives this file; its frames are hidden from script tracebacks.
local HOST_SOURCE = '=[host]'

local function copy(library, except)
  local result = {}
  for key, value in next, library do
    if not (except and except[key]) then result[key] = value end
  end
  return result
end

local function sorted_keys(t)
  local keys = {}
  for key in next, t do
    if type(key) == 'string' then keys[#keys + 1] = key end
  end
  sort(keys)
  return concat(keys, ', ')
end

-- Raises a sandbox refusal at the given level (1 = the caller of sandbox_error's caller...), after
-- telling the host so it can report the error as a sandbox error.
local function sandbox_error(message, level)
  native.note_sandbox(message)
  error(message, level + 1)
end

local function refuse(name, hint)
  local message = name .. ' is not available in experiment scripts' .. (hint and ('; ' .. hint) or '')
  return function() sandbox_error(message, 2) end
end

local function forbidden_library(name, hint)
  local function deny(_, key)
    sandbox_error(name .. '.' .. tostring(key) .. ' is not available in experiment scripts'
      .. (hint and ('; ' .. hint) or ''), 2)
  end
  return setmetatable({}, { __index = deny, __newindex = deny, __metatable = false })
end

-- Tables scripts may read but not change (the host's modules); rawset refuses them too.
local protected = setmetatable({}, { __mode = 'k' })

local function read_only(real, name)
  local proxy = setmetatable({}, {
    __index = real,
    __newindex = function(_, key)
      sandbox_error(name .. ' is read-only (cannot set field \'' .. tostring(key) .. '\')', 2)
    end,
    __pairs = function() return next, real, nil end,
    __len = function() return rawlen(real) end,
    __metatable = false,
  })
  protected[proxy] = true
  return proxy
end

-- Indexing a missing name in a host table is almost always a typo: say which names exist.
local function strict(real, name)
  return setmetatable(real, {
    __index = function(_, key)
      error(name .. ' has no field \'' .. tostring(key) .. '\' (known: ' .. sorted_keys(real) .. ')', 2)
    end,
    __metatable = false,
  })
end

-- Strings: scripts index string methods through this copy (no string.dump), and cannot reach
-- or change the metatable of strings.
local safe_string = copy(string, { dump = true })

-- Pattern functions run on the host's matcher, which counts its work against the limits: Lua's
-- own runs in C, where no hook stops it (('a*'):rep(18)..'b' on 18 a's ran for minutes).
do
  local pattern_find, pattern_match, pattern_scan = native.pattern_find, native.pattern_match, native.pattern_scan
  local plain_find, native_gsub, sub, byte = string.find, string.gsub, string.sub, string.byte
  local tointeger = math.tointeger

  local function text(value, n, name)
    local t = type(value)
    if t == 'string' then return value end
    if t == 'number' then return tostring(value) end
    error('bad argument #' .. n .. ' to \'' .. name .. '\' (string expected, got '
      .. (value == nil and 'no value' or t) .. ')', 3)
  end

  local function integer(value, n, name, default)
    if value == nil then return default end
    if type(value) == 'string' then value = tonumber(value) or value end
    if type(value) ~= 'number' then
      error('bad argument #' .. n .. ' to \'' .. name .. '\' (number expected, got ' .. type(value) .. ')', 3)
    end
    local i = tointeger(value)
    if i == nil then
      error('bad argument #' .. n .. ' to \'' .. name .. '\' (number has no integer representation)', 3)
    end
    return i
  end

  local function finish(ok, ...)
    if ok then return ... end
    error((...), 2)
  end

  function safe_string.find(s, p, init, plain)
    return finish(pattern_find(text(s, 1, 'find'), text(p, 2, 'find'), integer(init, 3, 'find', 1), plain))
  end

  function safe_string.match(s, p, init)
    return finish(pattern_match(text(s, 1, 'match'), text(p, 2, 'match'), integer(init, 3, 'match', 1)))
  end

  function safe_string.gmatch(s, p, init)
    s, p = text(s, 1, 'gmatch'), text(p, 2, 'gmatch')
    init = integer(init, 3, 'gmatch', 1)
    local length = #s
    if init < 0 then init = init < -length and 1 or length + init + 1 elseif init == 0 then init = 1 end
    local position, last = init - 1, -1
    if position > length then position = length + 1 end
    local function advance(ok, start, stop, unfinished, ...)
      if not ok then error(start, 2) end
      if start == nil then
        position = length + 1
        return nil
      end
      if unfinished then error('unfinished capture', 2) end
      position, last = stop, stop
      return ...
    end
    return function() return advance(pattern_scan(s, p, position, last, false)) end
  end

  -- What replaces one match: a string with %0-%9 (%0 the whole match), a table indexed by the
  -- first capture, or a function of the captures; false or nil keeps the match.
  local function replacement(kind, repl, whole, ...)
    local value
    if kind == 'string' then
      if not plain_find(repl, '%', 1, true) then return repl end
      local captures, count, problem = { ... }, select('#', ...), nil
      local result = native_gsub(repl, '%%(.?)', function(d)
        if d == '%' then return '%' end
        if d == '0' then return whole end
        local i = d ~= '' and tointeger(tonumber(d)) or nil
        if i == nil or i < 1 then
          problem = 'invalid use of \'%\' in replacement string'
        elseif i > count then
          problem = 'invalid capture index %' .. i .. ' in replacement string'
        else
          return tostring(captures[i])
        end
        return ''
      end)
      return result, problem
    elseif kind == 'table' then
      value = repl[(...)]
    else
      value = repl(...)
    end
    if not value then return whole end
    local t = type(value)
    if t == 'number' then return tostring(value) end
    if t ~= 'string' then return nil, 'invalid replacement value (a ' .. t .. ')' end
    return value
  end

  function safe_string.gsub(s, p, repl, max_n)
    s, p = text(s, 1, 'gsub'), text(p, 2, 'gsub')
    local kind = type(repl)
    if kind == 'number' then
      repl, kind = tostring(repl), 'string'
    elseif kind ~= 'string' and kind ~= 'table' and kind ~= 'function' then
      error('bad argument #3 to \'gsub\' (string/function/table expected, got '
        .. (repl == nil and 'no value' or kind) .. ')', 2)
    end
    local length = #s
    max_n = integer(max_n, 4, 'gsub', length + 1)
    local anchored = byte(p, 1) == 94
    if anchored then p = sub(p, 2) end
    local parts, count, position, last = {}, 0, 0, -1
    local function step(ok, start, stop, unfinished, ...)
      if not ok then error(start, 3) end
      if start == nil then return false end
      if unfinished and (kind ~= 'string' or plain_find(repl, '%%[1-9]')) then error('unfinished capture', 3) end
      parts[#parts + 1] = sub(s, position + 1, start)
      local value, problem = replacement(kind, repl, sub(s, start + 1, stop), ...)
      if problem then error(problem, 3) end
      parts[#parts + 1] = value
      count = count + 1
      position, last = stop, stop
      return true
    end
    while count < max_n do
      if not step(pattern_scan(s, p, position, last, anchored)) or anchored then break end
    end
    parts[#parts + 1] = sub(s, position + 1)
    return concat(parts), count
  end
end

do
  local string_metatable = getmetatable('')
  string_metatable.__index = safe_string
  string_metatable.__metatable = false
end

local env = {}
env._G = env
env._VERSION = _VERSION
for _, name in next, {
  'assert', 'error', 'ipairs', 'next', 'pairs', 'pcall', 'select', 'tonumber', 'tostring', 'type',
  'rawequal', 'rawget', 'rawlen', 'getmetatable',
} do
  env[name] = _G[name]
end

env.string = copy(safe_string)
env.string.dump = refuse('string.dump', 'binary chunks cannot be loaded')
env.table = copy(table)
env.math = copy(math)
env.utf8 = copy(utf8)
env.coroutine = copy(coroutine)
env.os = { time = os.time, clock = os.clock, date = os.date }
for _, name in next, { 'execute', 'exit', 'getenv', 'remove', 'rename', 'tmpname', 'setlocale' } do
  env.os[name] = refuse('os.' .. name)
end

local file_hint, module_hint = native.file_hint, native.module_hint
env.io = forbidden_library('io', file_hint)
env.package = forbidden_library('package', module_hint)
env.debug = forbidden_library('debug')
env.require = refuse('require', module_hint)
env.dofile = refuse('dofile', file_hint)
env.loadfile = refuse('loadfile', file_hint)

function env.print(...)
  local parts = {}
  for i = 1, select('#', ...) do parts[i] = tostring((select(i, ...))) end
  local ok, message = native.print_line(concat(parts, '\t'))
  if not ok then error(message, 2) end
end

function env.load(chunk, chunk_name, mode, chunk_env)
  if mode ~= nil and mode ~= 't' then
    sandbox_error('load with mode \'' .. tostring(mode) .. '\' is not allowed; scripts may load only text chunks', 2)
  end
  if chunk_env == nil then chunk_env = env end
  return load(chunk, chunk_name or '=(load)', 't', chunk_env)
end

function env.collectgarbage(option, ...)
  if option == 'count' then return collectgarbage('count') end
  sandbox_error('collectgarbage(\'' .. tostring(option or 'collect')
    .. '\') is not available in experiment scripts; only collectgarbage(\'count\') is', 2)
end

-- A value's type as Lua's own messages name it (a handle by its kind, e.g. 'Layer').
local function type_name(v)
  local metatable = raw_getmetatable(v)
  local name = type(metatable) == 'table' and rawget(metatable, '__name')
  return type(name) == 'string' and name or type(v)
end

function env.setmetatable(t, metatable)
  if type(t) ~= 'table' then
    error('bad argument #1 to \'setmetatable\' (table expected, got ' .. type_name(t) .. ')', 2)
  end
  if type(metatable) == 'table' and rawget(metatable, '__gc') ~= nil then
    sandbox_error('setmetatable with a __gc field is not allowed; scripts may not define finalizers', 2)
  end
  return setmetatable(t, metatable)
end

function env.rawset(t, key, value)
  if type(t) ~= 'table' then
    error('bad argument #1 to \'rawset\' (table expected, got ' .. type_name(t) .. ')', 2)
  end
  if protected[t] then
    sandbox_error('rawset on a host table is not allowed', 2)
  end
  return rawset(t, key, value)
end

-- A script's message handler must not run while the host stops a runaway script: the error is
-- raised inside a hook, where no further hook could stop the handler itself.
function env.xpcall(f, handler, ...)
  return xpcall(f, function(e)
    local _, stopping = native.limit_active()
    if stopping then return e end
    return handler(e)
  end, ...)
end

local private = {}
private.env = env

-- Message handler of every call the host makes into script code.
function private.handler(e)
  local message = e
  if type(e) == 'number' then
    message = tostring(e)
  elseif type(e) ~= 'string' then
    message = '(error object is a ' .. type(e) .. ' value)'
    local metatable = raw_getmetatable(e)
    if metatable and rawget(metatable, '__tostring') ~= nil then
      local ok, text = pcall(tostring, e)
      if ok and type(text) == 'string' then message = text end
    end
  end
  return { message, traceback('', 2) }
end

-- Called by the host's count hook (on the running thread) once a limit is exceeded: from then on
-- every instruction of this thread raises the error, so pcall cannot swallow it for long.
function private.arm_limit(message)
  sethook(running(), function()
    local level = 2
    while true do
      local info = getinfo(level, 'Sl')
      if info == nil then break end
      if info.currentline > 0 and info.source ~= HOST_SOURCE then
        error(info.short_src .. ':' .. info.currentline .. ': ' .. message, 0)
      end
      level = level + 1
    end
    error(message, 0)
  end, '', 1)
end

-- Host functions return `true, results...` or `false, message`; the wrapper raises the message at
-- the script's line (finish is a tail call, so level 2 is the wrapper's caller).
local function finish(ok, ...)
  if ok then return ... end
  error((...), 2)
end

function private.wrap(host_function)
  return function(...) return finish(host_function(...)) end
end

local modules = {}

local function module_table(path)
  local real = modules[path]
  if real then return real end
  real = strict({}, path)
  modules[path] = real
  local parent_path, name = path:match('^(.*)%.([^.]+)$')
  local proxy = read_only(real, path)
  if parent_path then
    local parent = module_table(parent_path)
    if rawget(parent, name) ~= nil then error(path .. ' is already a function', 0) end
    rawset(parent, name, proxy)
  else
    rawset(env, path, proxy)
  end
  return real
end

function private.install(path, name, f)
  local t = module_table(path)
  if rawget(t, name) ~= nil then error(path .. '.' .. name .. ' is already registered', 0) end
  rawset(t, name, f)
end

-- Metatable fields of a handle kind: methods by name, a readable error for a missing method,
-- and no way to add fields.
function private.handle_methods(kind_name)
  return strict({}, kind_name)
end

function private.handle_newindex(kind_name)
  return function(_, key)
    error('cannot set field \'' .. tostring(key) .. '\' on a ' .. kind_name .. ' handle', 2)
  end
end

return private
