---@meta
-- What test files (*_test.lua, run by `rnnplay test`) have beside the rnn API, for editors with
-- lua-language-server. README: "Test suites: rnnplay test".

---@class RunOptions
---@field steps? integer   training steps (overrides the script's steps/epochs)
---@field epochs? integer  epochs (overrides the script's steps/epochs)
---@field seed? integer    seed instead of the script's
---@field variant? string  run only this variant of a comparison
---@field set? table<string, number|string|boolean>  values for the script's rnn.params, as --set gives them

---@class RunFiguresTable
---@field status string             'completed', 'stopped', 'stoppedearly', 'cancelled' or 'diverged'
---@field message string
---@field seconds number
---@field steps number
---@field epochs number
---@field final_loss number
---@field best_step number
---@field max_loss number
---@field max_grad_norm number
---@field clipped_steps number
---@field test_accuracy? number
---@field test_loss? number
---@field test_mae? number
---@field test_rmse? number
---@field grad_norm_per_step? number[]
---@field grad_norm_first_over_last? number
---@field params? table<string, number|string|boolean>
---@field [string] any              val_*, test_*, baseline_NAME_METRIC, and for a comparison one table per variant

---Trains an experiment script headless (path relative to the test file) and returns its figures.
---@param path string
---@param options? RunOptions
---@return RunFiguresTable
function rnn.run(path, options) end

---Defines a test case.
---@param name string
---@param fn fun()
function rnn.test(name, fn) end

---Defines a test case (rnn.test).
---@param name string
---@param fn fun()
function test(name, fn) end

---@class Expectation
local Expectation = {}
---@param y number
---@return Expectation
function Expectation:above(y) end
---@param y number
---@return Expectation
function Expectation:below(y) end
---@param y number
---@param tolerance number
---@return Expectation
function Expectation:near(y, tolerance) end
---@param y any
---@return Expectation
function Expectation:equals(y) end
---The value is a function that raises an error whose message contains text.
---@param text string
---@return Expectation
function Expectation:fails_with(text) end

---@param value any
---@return Expectation
function expect(value) end
