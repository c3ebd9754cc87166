-- charrnn.lua at its defaults: the character LSTM learns far more than a uniform guess over the
-- alphabet (whose loss is log of the alphabet's size).

test('charrnn learns the sonnets', function()
  local r = rnn.run('../charrnn.lua')
  local alphabet = 0
  for name in pairs(r) do
    if name:sub(1, 12) == 'test_recall_' then alphabet = alphabet + 1 end
  end
  local uniform = math.log(alphabet)
  print(string.format('next-character accuracy %.4f, test loss %.4f (uniform %.4f over %d characters)', r.test_accuracy, r.test_loss, uniform, alphabet))
  expect(r.test_loss):below(uniform - 1)
  expect(r.test_accuracy):above(5 / alphabet)
  expect(r.test_accuracy):near(0.38, 0.005)
  expect(r.test_loss):near(2.42, 0.005)
  expect(uniform):near(4.11, 0.005)
end)
