-- article.lua and article_tiny.lua at their defaults: the classic introductory example (a vanilla
-- RNN of 10 units on daily temperature, humidity and wind) beats persistence on rain tomorrow; the
-- hand-worked network of two hidden units is too small to. The figures are the README's.

test('the article example beats persistence and majority', function()
  local r = rnn.run('../article.lua')
  print(string.format('accuracy %.4f (persistence %.4f, majority %.4f)',
    r.test_accuracy, r.baseline_persistence_accuracy, r.baseline_majority_accuracy))
  expect(r.test_accuracy):above(r.baseline_persistence_accuracy)
  expect(r.test_accuracy):above(r.baseline_majority_accuracy)
  -- The README quotes these, rounded.
  expect(r.test_accuracy):near(0.717, 0.0005)
  expect(r.baseline_persistence_accuracy):near(0.700, 0.0005)
  expect(r.baseline_majority_accuracy):near(0.570, 0.0005)
end)

test('the two-unit network of the hand-worked example', function()
  local r = rnn.run('../article_tiny.lua')
  print(string.format('accuracy %.4f (persistence %.4f, majority %.4f)',
    r.test_accuracy, r.baseline_persistence_accuracy, r.baseline_majority_accuracy))
  expect(r.test_accuracy):above(r.baseline_majority_accuracy)
  -- The README quotes it, rounded.
  expect(r.test_accuracy):near(0.677, 0.0005)
end)
