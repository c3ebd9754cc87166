-- A damped spring, from plain Lua tables, with a learning-rate schedule written in Lua.
--
-- rnn.data.sequences takes samples the script builds itself: here 1200 stretches of a damped
-- oscillation x(t) = a·e^(−γt)·cos(ωt + φ), each with its own frequency, damping and phase
-- (spread evenly, no randomness needed). The model sees 30 positions and predicts the next one.
-- "The next position is the last one" (persistence) is the baseline to beat; the mean position
-- is the other.
--
-- The schedule is a function of the step: the optimizer's rate for the first 100 updates, then
-- halved every 100 (rnn.schedule.custom asks it once per update).
--
--   rnnplay run scripts/damped.lua --headless            -- about 3 s on 2 cores
--   rnnplay run scripts/damped.lua --headless --steps 30 -- a quick check that it runs

-- Tunable with --set NAME=VALUE (rnnplay run) or swept (rnnplay sweep --grid …).
local p = rnn.params{ hidden = 32, lr = 1e-2, epochs = 12 }

local seq, n = 30, 1200
local inputs, targets = {}, {}
for i = 1, n do
  local u, v, w = (i * 0.618034) % 1, (i * 0.414214) % 1, (i * 0.732051) % 1
  local omega, gamma, phase = 0.25 + 0.5 * u, 0.01 + 0.05 * v, 2 * math.pi * w
  local function x(t) return math.exp(-gamma * t) * math.cos(omega * t + phase) end
  local steps = {}
  for t = 0, seq - 1 do steps[#steps + 1] = x(t) end
  inputs[i], targets[i] = steps, x(seq)
end

local data = rnn.data.sequences{ inputs = inputs, targets = targets, split = { 0.7, 0.15, 0.15 } }

return {
  data = data,
  model = rnn.nn.sequential{
    rnn.nn.lstm{ hidden = p.hidden },
    rnn.nn.linear{},   -- one output: the next position
  },
  optimizer = rnn.optim.adam{ lr = p.lr },
  schedule = rnn.schedule.custom{
    lr = function(step, total, base_lr) return base_lr * 0.5 ^ ((step - 1) // 100) end,
  },
  batch = 32,
  epochs = p.epochs,
  select = { metric = 'rmse' },

  on_finish = function(ctx)
    print(string.format('test RMSE %.4f; persistence %.4f; the mean %.4f',
      ctx.test_rmse, ctx.baseline_persistence_rmse, ctx.baseline_mean_rmse))
  end,
}
