-- clipping.lua at its defaults: on the adding problem a ReLU RNN's gradients explode; plain SGD
-- diverges within a few steps, Adam without clipping is knocked off course and never recovers,
-- and Adam with gradient-norm clipping learns.

test('clipping rescues the run', function()
  local r = rnn.run('../clipping.lua')
  print(string.format('sgd %s at step %d; adam max loss %.1f, test MSE %.4f; adam_clip test MSE %.4f (constant baseline RMSE %.4f)',
    r.sgd.status, r.sgd.steps, r.adam.max_loss, r.adam.test_loss, r.adam_clip.test_loss, r.adam_clip.baseline_constant_rmse))
  expect(r.sgd.status):equals('diverged')
  expect(r.sgd.steps):equals(5)
  expect(r.adam.max_loss):above(10)
  expect(r.adam.test_rmse):above(r.adam.baseline_constant_rmse * 0.9)
  expect(r.adam_clip.test_rmse):below(r.adam_clip.baseline_constant_rmse / 5)
  expect(r.adam_clip.clipped_steps):above(0)
  -- The README quotes these, rounded.
  expect(r.adam.max_loss):near(41, 0.5)
  expect(r.adam_clip.test_loss):near(0.0018, 0.00005)
end)
