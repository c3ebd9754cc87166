-- weather.lua at its defaults (seed 1): the LSTM forecasts tomorrow's rain and temperature better
-- than persistence (tomorrow = today). The figures are the README's (table of shipped scripts).
--   rnnplay test scripts/tests -k weather

test('weather beats persistence on rain and temperature', function()
  local r = rnn.run('../weather.lua')
  print(string.format('rain accuracy %.4f (persistence %.4f, majority %.4f); MAE %.4f (persistence %.4f)',
    r.test_accuracy, r.baseline_persistence_accuracy, r.baseline_majority_accuracy, r.test_mae, r.baseline_persistence_mae))
  expect(r.test_accuracy):above(r.baseline_persistence_accuracy)
  expect(r.test_accuracy):above(r.baseline_majority_accuracy)
  expect(r.test_mae):below(r.baseline_persistence_mae)
  -- The README quotes these, rounded.
  expect(r.test_accuracy):near(0.751, 0.0005)
  expect(r.baseline_persistence_accuracy):near(0.641, 0.0005)
  expect(r.test_mae):near(1.11, 0.005)
  expect(r.baseline_persistence_mae):near(1.31, 0.005)
end)

test('rnn.run refuses an unknown option before it trains', function()
  expect(function() rnn.run('../weather.lua', { stepz = 10 }) end):fails_with("unknown field 'stepz'")
  expect(function() rnn.run('../no_such_script.lua') end):fails_with('no script')
end)

test('rnn.run sets the parameters the script declares, as --set does', function()
  local r = rnn.run('../weather.lua', { steps = 20, set = { hidden = 8, lr = 1e-2 } })
  expect(r.params.hidden):equals(8)
  expect(r.params.lr):equals(1e-2)
  expect(r.steps):equals(20)
  expect(function() rnn.run('../weather.lua', { set = { hiden = 8 } }) end):fails_with('hiden')
end)
