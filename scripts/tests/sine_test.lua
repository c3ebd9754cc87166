-- sine.lua at its defaults: the GRU continues a mixture of sines far better than persistence.

test('sine beats persistence', function()
  local r = rnn.run('../sine.lua')
  print(string.format('test RMSE %.4f (persistence %.4f)', r.test_rmse, r.baseline_persistence_rmse))
  expect(r.test_rmse):below(r.baseline_persistence_rmse / 5)
  expect(r.test_rmse):near(0.014, 0.0005)
  expect(r.baseline_persistence_rmse):near(0.121, 0.0005)
end)
