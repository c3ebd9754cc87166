-- dates.lua, short: 300 steps (a third of its default) already decode most held-out formats, far above the untrained
-- start (no exact match), and without attention the same steps stay far behind.

test('dates.lua with attention beats its untrained start and the model without attention', function()
  local short = rnn.run('../dates.lua', { steps = 300 })
  local untrained = rnn.run('../dates.lua', { steps = 1, set = { lr = 1e-9 } })
  local plain = rnn.run('../dates.lua', { steps = 300, set = { attention = 'none' } })
  print(string.format('exact match on held-out formats: untrained %.3f, 300 steps %.3f, 300 steps without attention %.3f',
    untrained.test_exact, short.test_exact, plain.test_exact))
  expect(untrained.test_exact):below(0.01)
  expect(short.test_exact):above(0.5)
  expect(short.test_cer):below(0.05)
  expect(plain.test_exact):below(short.test_exact - 0.3)
end)
