-- seattle.lua on the real Seattle weather, seeds 1-5: the protocol's LSTM recipe and the GRU both
-- beat persistence on average; the figures are the README's (Real weather: Seattle).

local function mean_std(values)
  local sum = 0
  for _, v in ipairs(values) do sum = sum + v end
  local mean = sum / #values
  local squares = 0
  for _, v in ipairs(values) do squares = squares + (v - mean) ^ 2 end
  return mean, math.sqrt(squares / (#values - 1))
end

test('seattle: both recipes beat persistence over seeds 1-5', function()
  local lstm, gru, persistence, majority = {}, {}, nil, nil
  for seed = 1, 5 do
    local r = rnn.run('../seattle.lua', { seed = seed })
    lstm[seed], gru[seed] = r.lstm.test_accuracy, r.gru.test_accuracy
    persistence, majority = r.lstm.baseline_persistence_accuracy, r.lstm.baseline_majority_accuracy
  end
  local lstm_mean, lstm_std = mean_std(lstm)
  local gru_mean, gru_std = mean_std(gru)
  print(string.format('LSTM %.1f +- %.1f %%, GRU %.1f +- %.1f %%, persistence %.1f %%, majority %.1f %%',
    100 * lstm_mean, 100 * lstm_std, 100 * gru_mean, 100 * gru_std, 100 * persistence, 100 * majority))
  expect(lstm_mean):above(persistence)
  expect(gru_mean):above(persistence)
  -- The README quotes these, rounded.
  expect(100 * lstm_mean):near(74.6, 0.05)
  expect(100 * lstm_std):near(0.8, 0.05)
  expect(100 * gru_mean):near(72.6, 0.05)
  expect(100 * gru_std):near(1.3, 0.05)
  expect(100 * persistence):near(70.6, 0.05)
  expect(100 * majority):near(39.9, 0.05)
end)
