-- vanishing.lua at its defaults: through 44 steps of the copy task the vanilla RNN's gradient
-- vanishes (|dL/dh_t| at the first step a tiny fraction of the last) and it learns little, while
-- the LSTM and GRU keep their gradient and learn to copy.

test('the RNN gradient vanishes; LSTM and GRU learn to copy', function()
  local r = rnn.run('../vanishing.lua')
  for _, name in ipairs{ 'rnn', 'lstm', 'gru' } do
    print(string.format('%-5s accuracy %.4f, |dL/dh_0| / |dL/dh_T| %.2e', name, r[name].test_accuracy, r[name].grad_norm_first_over_last))
  end
  local chance = r.rnn.baseline_majority_accuracy
  expect(r.rnn.grad_norm_first_over_last):below(1e-10)
  expect(r.lstm.grad_norm_first_over_last):above(0.1)
  expect(r.gru.grad_norm_first_over_last):above(0.1)
  expect(r.rnn.test_accuracy):below(0.5)
  expect(r.lstm.test_accuracy):above(0.9)
  expect(r.gru.test_accuracy):above(0.9)
  -- The README quotes these, rounded.
  expect(r.rnn.test_accuracy):near(0.362, 0.0005)
  expect(chance):near(0.169, 0.0005)
  expect(r.lstm.test_accuracy):near(0.991, 0.0005)
  expect(r.gru.test_accuracy):near(0.948, 0.0005)
  expect(math.log(r.rnn.grad_norm_first_over_last, 10)):near(-18, 0.5)
end)
