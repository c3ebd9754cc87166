-- Predict what comes next: a GRU learns to continue a mixture of sine waves.
--
-- Every sample is a different sum of three sines (random amplitudes, periods of 4 to 40 steps and
-- phases). The model reads 40 values and predicts the 41st. To do better than "the next value is
-- the last one" (persistence) it has to work out, from the 40 values alone, which waves are in
-- the mix and where each of them is heading. At the end the script prints the test error beside
-- the persistence baseline.
--
--   rnnplay run scripts/sine.lua --headless             -- about 5 s on 2 cores
--   rnnplay run scripts/sine.lua --headless --steps 30  -- a quick check that it runs
--   rnnplay run scripts/sine.lua                        -- watch it learn in the live window

-- Tunable with --set NAME=VALUE (rnnplay run) or swept (rnnplay sweep --grid …).
local p = rnn.params{ hidden = 48, lr = 5e-3, epochs = 15 }

local data = rnn.data.sine{
  seq = 40,          -- values the model sees
  components = 3,    -- sines in each mixture
  train = 2000, validation = 200, test = 400,
  seed = 7,
}

local info = data:info()
print(string.format('%d training sequences of %d steps, %d for validation, %d for testing',
  info.train, info.seq, info.validation, info.test))

return {
  data = data,
  model = rnn.nn.sequential{
    rnn.nn.gru{ hidden = p.hidden },
    rnn.nn.linear{},   -- one output: the next value
  },
  optimizer = rnn.optim.adam{ lr = p.lr },
  schedule = rnn.schedule.cosine{ warmup = 30 },  -- warm up, then glide down to a small rate
  batch = 32,
  epochs = p.epochs,
  clip = 1.0,
  select = { metric = 'rmse' },   -- keep the epoch with the lowest validation RMSE

  on_epoch = function(ctx)
    if ctx.epoch % 3 == 0 then
      print(string.format('epoch %2d  train loss %.5f  validation RMSE %.4f', ctx.epoch, ctx.loss, ctx.val_rmse))
    end
  end,

  on_finish = function(ctx)
    local rmse, persistence = ctx.test_rmse, ctx.baseline_persistence_rmse
    print(string.format('test RMSE %.4f; persistence %.4f; predicting zero %.4f', rmse, persistence, ctx.baseline_zero_rmse))
    if rmse < persistence then
      print(string.format('the GRU\'s error is %.0f%% of persistence\'s', 100 * rmse / persistence))
    else
      print('the GRU does not beat persistence yet: train for more epochs')
    end

    -- Ask the trained model about a mixture of our own: 40 values in, the next one out.
    local function wave(t) return 0.3 * math.sin(2 * math.pi * t / 11) + 0.2 * math.sin(2 * math.pi * t / 29 + 1) end
    local x = {}
    for t = 0, info.seq - 1 do x[#x + 1] = wave(t) end
    local next_value = ctx.model:predict(x).values[1]
    print(string.format('our own wave: last value %.3f, true next %.3f, the GRU says %.3f',
      x[#x], wave(info.seq), next_value))
  end,
}
