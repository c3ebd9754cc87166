-- damped.lua at its defaults: the model continues the damped oscillation far better than persistence or the mean.

test('damped oscillation beats persistence and the mean', function()
  local r = rnn.run('../damped.lua')
  print(string.format('test RMSE %.4f (persistence %.4f, mean %.4f)', r.test_rmse, r.baseline_persistence_rmse, r.baseline_mean_rmse))
  expect(r.test_rmse):below(r.baseline_persistence_rmse / 3)
  expect(r.test_rmse):near(0.022, 0.0005)
  expect(r.baseline_persistence_rmse):near(0.153, 0.0005)
  expect(r.baseline_mean_rmse):near(0.295, 0.0005)
end)
