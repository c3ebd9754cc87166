-- dropout.lua at its defaults: on 200 short labelled reviews a large LSTM learns the training set
-- by heart, while the same LSTM with variational dropout keeps a training loss well above zero and
-- ends with a lower validation loss. The figures are the README's.

test('variational dropout keeps the LSTM from learning the reviews by heart', function()
  local r = rnn.run('../dropout.lua')
  for _, name in ipairs{ 'plain', 'variational' } do
    local v = r[name]
    print(string.format('%-11s training loss %.4f, lowest validation loss %.4f (step %d), test accuracy %.4f',
      name, v.final_loss, v.val_loss, v.best_step, v.test_accuracy))
  end
  expect(r.plain.final_loss):below(0.01)
  expect(r.variational.final_loss):above(0.1)
  expect(r.variational.val_loss):below(r.plain.val_loss)
  expect(r.variational.best_step):above(r.plain.best_step)
  -- The README quotes these, rounded (13 steps an epoch: the best epochs are 4 and 8).
  expect(r.plain.val_loss):near(0.59, 0.005)
  expect(r.variational.val_loss):near(0.55, 0.005)
  expect(r.plain.best_step):equals(52)
  expect(r.variational.best_step):equals(104)
  expect(r.variational.final_loss):near(0.20, 0.005)
  expect(r.plain.test_accuracy):near(0.81, 0.005)
  expect(r.variational.test_accuracy):near(0.83, 0.005)
end)
