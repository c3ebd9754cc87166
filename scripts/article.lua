-- The classic introductory example, line for line: will it rain tomorrow, from a few days of
-- temperature, humidity and wind? The PyTorch code it mirrors is quoted beside each part.
--
--   rnnplay run scripts/article.lua --headless   -- train, then test accuracy beside persistence and majority
--   rnnplay run scripts/article.lua              -- the window: T steps through one pass, the keys below narrate
--   rnnplay run scripts/article_tiny.lua         -- the hand-worked network: 3 inputs, 2 hidden units, 2 outputs

-- features = df[['temperature', 'humidity', 'wind']].values
-- labels   = (df['rain_tomorrow']).values            # 0 = sunny (dry), 1 = rainy
-- X = sliding windows of seq_length days; train/test split
local data = rnn.data.weather{
  days = 2000,                                   -- daily records of the simulated weather world
  seq = 7,                                       -- seq_length = 7: a week of history per sample
  features = { 'temp_mean', 'humidity', 'wind' }, -- input_size = 3
  labels = 'rain',                               -- two classes, dry and rain: sunny/rainy tomorrow
  values = {},                                   -- nothing else to predict
  seed = 1,
}

-- class WeatherRNN(nn.Module):
--     def __init__(self, input_size=3, hidden_size=10, output_size=2):
--         self.rnn = nn.RNN(input_size, hidden_size, batch_first=True)   # tanh
--         self.fc  = nn.Linear(hidden_size, output_size)
--     def forward(self, x):
--         out, _ = self.rnn(x)
--         return self.fc(out[:, -1, :])                                 # the last time step only
local model = rnn.nn.sequential{
  rnn.nn.rnn{ hidden = 10, nonlinearity = 'tanh' },
  rnn.nn.linear{},                               -- Linear(10, 2): sized from the two classes
  head = 'last',                                 -- out[:, -1, :]
}

-- The narration for the window: a few keys explain what is on screen.
local notes = {
  a = "h_t = tanh(W_ih·x_t + W_hh·h_{t−1} + b): each column is one day, each cell one hidden unit. "
      .. "Press T to compute one step after another with this model's numbers.",
  b = "The Linear layer reads only the last column (out[:, -1, :]) and gives two logits; softmax turns them into "
      .. "P(dry) and P(rain), and cross-entropy is −log P(what happened).",
  e = "Backpropagation through time: the gradient of the loss flows from the last day back to the first, "
      .. "multiplied at each step by tanh' · W_hh — the gradient strip under the network shows how much survives.",
}

return {
  data = data,
  model = model,
  loss = {},                                     -- criterion = nn.CrossEntropyLoss()
  optimizer = rnn.optim.adam{ lr = 1e-3 },       -- optimizer = torch.optim.Adam(model.parameters(), lr=0.001)
  batch = 32,                                    -- DataLoader(train, batch_size=32, shuffle=True)
  epochs = 100,                                  -- for epoch in range(100):
  select = { restore_best = false },             -- keep the model as it is after the last epoch, as the loop does
  track_gradient_norms = true,
  view = { max_steps = 7 },
  live = { ticks_per_second = 48, train_every = 4 },

  on_epoch = function(ctx)                       -- if (epoch + 1) % 10 == 0: print(f'Epoch … Loss …')
    if ctx.epoch % 10 == 0 then
      print(string.format('Epoch [%d/100], Loss: %.4f, validation accuracy %.1f%%', ctx.epoch, ctx.loss, 100 * ctx.val_accuracy))
    end
  end,

  -- with torch.no_grad(): predicted = model(X_test).argmax(1); accuracy = (predicted == y_test).float().mean()
  on_finish = function(ctx)
    print(string.format('Test accuracy: %.1f%% (persistence %.1f%%, majority %.1f%%)',
      100 * ctx.test_accuracy, 100 * ctx.baseline_persistence_accuracy, 100 * ctx.baseline_majority_accuracy))
  end,

  on_key = function(ctx, key)
    if notes[key] then ctx.say(notes[key]) end
  end,

  on_click = function(ctx, target)
    if target.kind == 'unit' then
      ctx.highlight{ layer = target.layer, step = target.step, unit = target.unit }
      ctx.say(string.format('day %d, hidden unit %d: h = %.4f — press T to see how it was computed',
        target.step, target.unit, target.value))
    end
  end,
}
