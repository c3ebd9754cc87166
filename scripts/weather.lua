-- The default experiment: will it rain tomorrow, and how warm will it be?
--
-- The data is a simulated world: hourly temperature, humidity, wind, pressure and rain with
-- seasons, days and nights, and passing weather systems (pressure falls, wind and humidity rise,
-- rain follows, then it clears). Each sample is the last 14 days of daily records; the model
-- predicts tomorrow's rain (rain or dry) and tomorrow's mean temperature.
--
--   rnnplay run scripts/weather.lua            -- live window if there is a display, else headless
--   rnnplay run scripts/weather.lua --headless -- train on the history, report test scores vs baselines
--   rnnplay run scripts/weather.lua --ticks 8760 -- a simulated year of the live loop, without a window
--   rnnplay run scripts/weather.lua --headless --set hidden=64 --set lr=1e-3 -- other values of the knobs below
--   rnnplay sweep scripts/weather.lua --grid 'lr=1e-3,3e-3,1e-2 hidden=16,32,64' --seeds 3 -- which of them works

local p = rnn.params{
  lr = 3e-3,      -- Adam's learning rate (peak of the cosine schedule)
  hidden = 32,    -- LSTM width
  epochs = 12,    -- passes over the 70% training history
  clip = 1.0,     -- gradient norm clipping
}

local data = rnn.data.weather{
  days = 3000,              -- simulated days of history (chronological 70/15/15 split)
  seq = 14,                 -- days of history per sample
  labels = 'rain',          -- classes: dry, rain
  values = { 'temp_mean' }, -- also predict tomorrow's mean temperature (°C)
  seed = 1,
}

local model = rnn.nn.sequential{
  rnn.nn.lstm{ hidden = p.hidden },
  rnn.nn.linear{},          -- sized for the task: 2 class logits + 1 value
}

return {
  data = data,
  model = model,
  optimizer = rnn.optim.adam{ lr = p.lr },
  schedule = rnn.schedule.cosine{ warmup = 50 },
  batch = 32,
  epochs = p.epochs,
  clip = p.clip,
  select = { metric = 'accuracy' },   -- keep the epoch with the best validation accuracy
  track_gradient_norms = true,
  live = { ticks_per_second = 48, train_every = 4 },

  on_epoch = function(ctx)
    if ctx.val_accuracy then
      print(string.format('epoch %2d  loss %.4f  validation accuracy %.1f%%  temperature MAE %.2f °C',
        ctx.epoch, ctx.loss, 100 * ctx.val_accuracy, ctx.val_mae))
    end
  end,

  on_finish = function(ctx)
    print(string.format('test: rain-tomorrow accuracy %.1f%% (persistence %.1f%%, majority %.1f%%); temperature MAE %.2f °C (persistence %.2f)',
      100 * ctx.test_accuracy, 100 * ctx.baseline_persistence_accuracy, 100 * ctx.baseline_majority_accuracy,
      ctx.test_mae, ctx.baseline_persistence_mae))
  end,
}
