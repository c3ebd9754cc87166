-- The hand-worked example of the introductory article: the same weather question with a network
-- small enough to compute by hand — 3 inputs (temperature, humidity, wind), 2 hidden units,
-- 2 outputs (dry, rain). Every weight is drawn and labelled with its value — W_ih and W_hh on the
-- second day shown, the output Linear's W_y (h_7 → dry, rain) on the last — and listed with the
-- biases under the network; hover one for from → to and its value. T writes out each step's update
-- with these very numbers.
--
--   rnnplay run scripts/article_tiny.lua             -- the window: T steps through one pass
--   rnnplay run scripts/article_tiny.lua --headless  -- train and score it (67.7 % on the test days: too small to beat persistence's 70.0 %)

local data = rnn.data.weather{
  days = 2000, seq = 7, seed = 1,
  features = { 'temp_mean', 'humidity', 'wind' },   -- x_t has 3 numbers
  labels = 'rain', values = {},                     -- y is dry or rain
}

return {
  data = data,
  -- nn.RNN(3, 2) and nn.Linear(2, 2) on the last step: W_ih is 2×3, W_hh 2×2, b 2; W_y 2×2, b_y 2 (22 numbers)
  model = rnn.nn.sequential{ rnn.nn.rnn{ hidden = 2 }, rnn.nn.linear{}, head = 'last' },
  optimizer = rnn.optim.adam{ lr = 5e-2 },  -- a 22-number model takes big steps
  batch = 32,
  epochs = 20,
  track_gradient_norms = true,
  view = { panel = 'network', max_steps = 7, max_connections = 100, weight_labels = true },
  live = { ticks_per_second = 24, train_every = 4 },

  on_finish = function(ctx)
    print(string.format('Test accuracy: %.1f%% (persistence %.1f%%, majority %.1f%%)',
      100 * ctx.test_accuracy, 100 * ctx.baseline_persistence_accuracy, 100 * ctx.baseline_majority_accuracy))
  end,

  on_click = function(ctx, target)
    if target.kind == 'unit' then
      ctx.say(ctx.walk{ layer = 1, unit = target.unit })   -- the clicked unit's first step, written out
    elseif target.kind == 'weight' then
      ctx.say(string.format('%s[%d, %d] = %.4f', target.name, target.unit, target.index, target.value))   -- W_ih, W_hh or W_y
    end
  end,
}
