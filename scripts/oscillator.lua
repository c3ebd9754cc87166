-- A world written in the script: a noisy oscillator whose frequency jumps half-way through.
--
-- Each tick, observe(t, rng, state) advances the oscillator and returns what is seen: its
-- position x (with measurement noise) and a slowly drifting drive level. The model sees the last
-- 24 ticks and forecasts the next x before it arrives; the live loop scores it against
-- persistence (the next x is like this one) and the mean, and trains on the replay window. At live
-- tick 2000 the period drops from 20 to 11 ticks: the model, trained on the slow oscillator, must
-- adapt (watch the marker in the charts and the MAE of period 2 in the report).
--
--   rnnplay run scripts/oscillator.lua               -- live window if there is a display
--   rnnplay run scripts/oscillator.lua --ticks 4000  -- the live loop without a window: scores per period

-- Tunable with --set NAME=VALUE (rnnplay run) or swept (rnnplay sweep --grid …).
local p = rnn.params{ hidden = 24, lr = 3e-3, epochs = 4 }

local SLOW, FAST = 2 * math.pi / 20, 2 * math.pi / 11
local CHANGE = 2000     -- tick of the regime change: after the history's 1500 ticks, so only the live stream sees it

local world = rnn.world{
  series = { 'x', 'drive' },
  units = { 'm', '' },
  inputs = { 'x', 'drive' },
  values = { 'x' },      -- forecast the next position
  history = 1500,        -- ticks simulated (from t = 0) before the live stream, which starts again at t = 0
  seq = 24,
  period = CHANGE,       -- scores per 2000 steps: period 1 before the change, period 2 after
  seed = 1,

  init = function(rng)
    return { phase = rng:uniform(0, 2 * math.pi), amplitude = 1, drive = 0, omega = SLOW }
  end,

  observe = function(t, rng, s)
    local note
    if t == CHANGE then
      s.omega = FAST
      note = 'period 20 → 11 ticks'
    end
    s.phase = s.phase + s.omega + 0.02 * rng:normal()
    s.amplitude = math.max(0.3, math.min(1.5, s.amplitude + 0.01 * rng:normal()))
    s.drive = 0.98 * s.drive + 0.05 * rng:normal()
    local x = s.amplitude * (1 + 0.3 * s.drive) * math.sin(s.phase) + 0.03 * rng:normal()
    return { x = x, drive = s.drive, note = note }
  end,
}

return {
  data = world,
  model = rnn.nn.sequential{ rnn.nn.gru{ hidden = p.hidden }, rnn.nn.linear{} },
  optimizer = rnn.optim.adam{ lr = p.lr },
  batch = 32,
  epochs = p.epochs,
  clip = 1.0,
  live = { ticks_per_second = 60, train_every = 1, replay_days = 1500, replay_ratio = 16, schedule = 'constant', world_seed = 7 },
}
