-- Will it rain in Seattle tomorrow? Real daily weather (NOAA, 2012–2015, see data/README.md),
-- on the weather-eval protocol so the figures compare with libtorch's:
--
--   * inputs: the last 14 days of precipitation, temp_max, temp_min and wind, z-scored with the
--     statistics of the days the training samples read;
--   * target: tomorrow wet (rain, drizzle, snow) or dry (sun, fog);
--   * split by target day, in time order: 70 / 15 / 15 % → 1012 / 217 / 218 samples;
--   * the epoch with the best validation accuracy (the first on a tie) is scored on test.
--
-- Two runs, same seed: `recipe`, this project's choice, and `libtorch`, the peer's standard recipe
-- (LSTM 32, Adam 1e-3, batch 32, 40 epochs, PyTorch initialization, no schedule, no clipping).
-- The recipe was picked on validation accuracy alone: 17 variants (LSTM/GRU, hidden 16–64, lr,
-- cosine schedule, clipping, dropout, weight decay, forget-gate bias, batch) over seeds 6–15; a GRU
-- of 32 scored best (68.1 % against 66.9 % for the LSTM). The validation split (October 2014 – May
-- 2015) is wetter than the test split (June – December 2015), and on test the order turns: over
-- seeds 1–20 the GRU scores 73.4 ± 1.2 %, the LSTM 74.1 ± 0.9 % (libtorch's LSTM 74.1 ± 1.0 %),
-- persistence 70.6 %. The labels also drift: in 2012–2013 one training day in eight is called
-- rain or drizzle with 0 mm measured; from 2014 on the label follows the measurement.
--
--   rnnplay run scripts/seattle.lua --headless              -- both runs, seed 1 (about 4 s)
--   rnnplay run scripts/seattle.lua --headless --seed 3     -- another seed

local data = rnn.data.csv{
  path = 'data/seattle-weather.csv',
  features = { 'precipitation', 'temp_max', 'temp_min', 'wind' },
  date = 'date',
  target = 'weather',
  classes = { 'dry', 'wet' },
  groups = { dry = { 'sun', 'fog' }, wet = { 'rain', 'drizzle', 'snow' } },
  seq = 14,
  split = { 0.7, 0.15, 0.15 },
}

local info = data:info()
print(string.format('samples: train %d, validation %d, test %d', info.train, info.validation, info.test))
assert(info.train == 1012 and info.validation == 217 and info.test == 218, 'the weather-eval protocol splits 1012/217/218')

local function model(layer)
  return rnn.nn.sequential{
    layer{ hidden = 32 },
    rnn.nn.linear{},          -- 2 class logits from the last step
  }
end

return {
  data = data,
  model = model(rnn.nn.gru),
  optimizer = rnn.optim.adam{ lr = 1e-3 },
  batch = 32,
  epochs = 40,
  select = { metric = 'accuracy' },   -- keep the epoch with the best validation accuracy
  compare = {
    { name = 'recipe' },
    { name = 'libtorch', model = model(rnn.nn.lstm) },
  },

  on_finish = function(ctx)
    print(string.format('test: wet-tomorrow accuracy %.1f%% (validation %.1f%%); persistence %.1f%%, majority %.1f%%',
      100 * ctx.test_accuracy, 100 * ctx.val_accuracy, 100 * ctx.baseline_persistence_accuracy, 100 * ctx.baseline_majority_accuracy))
  end,
}
