-- Will it rain in Seattle tomorrow? Real daily weather (NOAA, 2012–2015, see data/README.md),
-- on the weather-eval protocol so the figures compare with libtorch's:
--
--   * inputs: the last 14 days of precipitation, temp_max, temp_min and wind, z-scored with the
--     statistics of the days the training samples read;
--   * target: tomorrow wet (rain, drizzle, snow) or dry (sun, fog);
--   * split by target day, in time order: 70 / 15 / 15 % → 1012 / 217 / 218 samples;
--   * the epoch with the best validation accuracy (the first on a tie) is scored on test.
--
-- Two runs with the same seed:
--
--   * `lstm`, the recipe this project reports: the protocol's standard recipe (LSTM 32, Adam
--     1e-3, batch 32, 40 epochs, PyTorch initialization, no schedule, no clipping), run on this
--     core. Over seeds 1–5 it reaches 74.6 ± 0.8 % on test (libtorch itself: 73.4 ± 0.7 %); over
--     seeds 1–20, 74.1 ± 0.9 % here and 74.1 ± 1.0 % in libtorch: the two implementations agree.
--   * `gru`, what a search on validation accuracy alone picked (17 variants: LSTM/GRU, hidden
--     16–64, lr, cosine schedule, clipping, dropout, weight decay, forget-gate bias, batch; seeds
--     6–15): a GRU of 32 (68.1 % on validation against 66.9 % for the LSTM). On test it scores
--     72.6 ± 1.3 % over seeds 1–5 (73.4 ± 1.2 % over 1–20).
--
-- Why validation misleads here: the validation days (October 2014 – May 2015) are wetter than
-- the test days (June – December 2015), no model beats persistence on validation (68.2 %) while
-- every model does on test (70.6 %), and the labels drift: in 2012–2013 one training day in eight
-- is called rain or drizzle with 0 mm measured, from 2014 on the label follows the measurement.
-- With 218 test days one day is 0.46 points, so differences under a point are noise.
--
--   rnnplay run scripts/seattle.lua --headless              -- both runs, seed 1 (a few seconds)
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
  model = model(rnn.nn.lstm),
  optimizer = rnn.optim.adam{ lr = 1e-3 },
  batch = 32,
  epochs = 40,
  select = { metric = 'accuracy' },   -- keep the epoch with the best validation accuracy
  compare = {
    { name = 'lstm' },
    { name = 'gru', model = model(rnn.nn.gru) },
  },

  on_finish = function(ctx)
    print(string.format('test: wet-tomorrow accuracy %.1f%% (validation %.1f%%); persistence %.1f%%, majority %.1f%%',
      100 * ctx.test_accuracy, 100 * ctx.val_accuracy, 100 * ctx.baseline_persistence_accuracy, 100 * ctx.baseline_majority_accuracy))
  end,
}
