-- Running parity: is the number of ones so far odd? A dataset written in Lua.
--
-- rnn.data.generate calls `sample` once for every sample, with a random source seeded from the
-- seed, the split and the sample's number, so the dataset is the same on every machine. Each
-- sample is 16 random bits (a few runs of ones are longer than chance alone makes); the target at
-- every step is the parity of the bits so far: 1 for even, 2 for odd. A model must carry one bit
-- of memory and flip it on every one. Guessing the most common answer (the majority baseline) is
-- right about half the time.
--
-- Two schedules compare: one-cycle (PyTorch's OneCycleLR) and linear warm-up then decay.
--
--   rnnplay run scripts/parity.lua --headless            -- about 2 s on 2 cores
--   rnnplay run scripts/parity.lua --headless --steps 30 -- a quick check that it runs

-- Tunable with --set NAME=VALUE (rnnplay run) or swept (rnnplay sweep --grid …).
local p = rnn.params{ hidden = 24, lr = 1e-2, epochs = 6 }

local steps = 16

local data = rnn.data.generate{
  train = 2000, validation = 200, test = 400,
  seed = 7,
  classes = { 'even', 'odd' },
  every_step = true,
  sample = function(rng, i, split)
    local x, y, odd = {}, {}, false
    local p = rng:uniform(0.2, 0.8)          -- each sample its own share of ones
    for t = 1, steps do
      local bit = rng:uniform() < p and 1 or 0
      if bit == 1 then odd = not odd end
      x[t] = bit
      y[t] = odd and 2 or 1
    end
    return x, y
  end,
}

local info = data:info()
print(string.format('%d training sequences of %d bits, %d for validation, %d for testing',
  info.train, info.seq, info.validation, info.test))

return {
  data = data,
  model = rnn.nn.sequential{
    rnn.nn.gru{ hidden = p.hidden },
    rnn.nn.linear{},   -- two outputs at every step: even, odd
  },
  optimizer = rnn.optim.adam{ lr = p.lr },
  batch = 32,
  epochs = p.epochs,
  compare = {
    { name = 'one_cycle', schedule = rnn.schedule.one_cycle{ pct_start = 0.3 } },
    { name = 'linear', schedule = rnn.schedule.linear{ warmup = 40 } },
  },

  on_finish = function(ctx)
    print(string.format('%s: test accuracy %.3f; always the majority answer %.3f',
      ctx.name, ctx.test_accuracy, ctx.baseline_majority_accuracy))
  end,
}
