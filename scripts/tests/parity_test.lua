-- parity.lua at its defaults: both schedules learn the running parity of 16 bits perfectly.

test('parity is learnt with both schedules', function()
  local r = rnn.run('../parity.lua')
  for _, name in ipairs{ 'one_cycle', 'linear' } do
    expect(r[name].test_accuracy):equals(1)
  end
  expect(r.linear.baseline_majority_accuracy):near(0.505, 0.0005)
end)
