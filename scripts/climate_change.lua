-- The weather experiment of weather.lua, with its climate changed while the model keeps learning:
-- at the start of the third simulated year the world becomes twice as stormy. Watch the rolling
-- 30-day accuracy dip and recover (every 30 days a line; live.txt lists the change and the scores
-- per year, and how the model recovered; live.png draws the rolling accuracy around the change).
-- In the window the same change can be made with keys (README: the live window).
--
--   rnnplay run scripts/climate_change.lua --ticks 26280   -- three simulated years

-- Tunable with --set NAME=VALUE (rnnplay run) or swept (rnnplay sweep --grid …).
local p = rnn.params{ hidden = 32, lr = 3e-3, epochs = 12 }

local data = rnn.data.weather{ days = 3000, seq = 14, labels = 'rain', values = { 'temp_mean' }, seed = 1 }

return {
  data = data,
  model = rnn.nn.sequential{ rnn.nn.lstm{ hidden = p.hidden }, rnn.nn.linear{} },
  optimizer = rnn.optim.adam{ lr = p.lr },
  schedule = rnn.schedule.cosine{ warmup = 50 },
  batch = 32,
  epochs = p.epochs,
  clip = 1.0,
  select = { metric = 'accuracy' },
  live = {
    ticks_per_second = 48, train_every = 4,
    events = { { day = 2 * 365, climate = { storminess = 0.6 } } },   -- 0.3 systems a day before
  },

  on_day = function(ctx)
    if ctx.day % 30 == 0 then
      print(string.format('year %d day %3d: last 30 days accuracy %.1f%% (persistence %.1f%%), Brier %.3f (climatology %.3f); storminess %.2f',
        ctx.year, ctx.day_of_year, 100 * ctx.accuracy_30d, 100 * ctx.persistence_accuracy_30d, ctx.brier_30d,
        ctx.climatology_brier_30d, ctx.world:climate().storminess))
    end
  end,
}
