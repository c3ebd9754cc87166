-- The assertions of test files (rnnplay test): `expect(value)` and its matchers, and `test` as the
-- short name of rnn.test. Runs in the scripts' environment of a test file's Lua state before the
-- file. A failing matcher raises its message at the line of the test file that called it, so the
-- report reads `scripts/tests/weather_test.lua:12: expected 0.61 to be above 0.64`.

local format, mtype = string.format, math.type
local find = string.find

local function show(v)
  if type(v) == 'string' then return format('%q', v) end
  if type(v) == 'number' then
    if mtype(v) == 'integer' then return tostring(v) end
    return format('%.6g', v)
  end
  return tostring(v)
end

-- Level 3: fail's caller is the matcher, whose caller is the test file's line.
local function fail(message) error(message, 3) end

local function numbers(self, matcher, ...)
  if type(self.value) ~= 'number' then
    error(format('expect(x):%s: x must be a number (got %s)', matcher, show(self.value)), 3)
  end
  for i = 1, select('#', ...) do
    local y = select(i, ...)
    if type(y) ~= 'number' then
      error(format('expect(x):%s: argument #%d must be a number (got %s)', matcher, i, show(y)), 3)
    end
  end
end

local Expectation = {}
Expectation.__index = Expectation

function Expectation:above(y)
  numbers(self, 'above', y)
  if not (self.value > y) then fail(format('expected %s to be above %s', show(self.value), show(y))) end
  return self
end

function Expectation:below(y)
  numbers(self, 'below', y)
  if not (self.value < y) then fail(format('expected %s to be below %s', show(self.value), show(y))) end
  return self
end

function Expectation:near(y, tolerance)
  numbers(self, 'near', y, tolerance)
  local off = math.abs(self.value - y)
  if not (off <= tolerance) then
    fail(format('expected %s to be within %s of %s (off by %s)', show(self.value), show(tolerance), show(y), show(off)))
  end
  return self
end

function Expectation:equals(y)
  if self.value ~= y then fail(format('expected %s to equal %s', show(self.value), show(y))) end
  return self
end

function Expectation:fails_with(text)
  if type(self.value) ~= 'function' then
    error(format('expect(f):fails_with: f must be a function (got %s)', show(self.value)), 2)
  end
  if type(text) ~= 'string' then
    error(format('expect(f):fails_with: the text must be a string (got %s)', show(text)), 2)
  end
  local ok, message = pcall(self.value)
  if ok then fail(format('expected the function to fail with %s; it succeeded', show(text))) end
  message = tostring(message)
  if not find(message, text, 1, true) then
    fail(format('expected the function to fail with %s; it failed with %s', show(text), show(message)))
  end
  return self
end

function expect(value)
  return setmetatable({ value = value }, Expectation)
end

test = rnn.test
