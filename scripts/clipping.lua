-- Exploding gradients, and how gradient clipping tames them.
--
-- The adding problem: 20 steps of two inputs each, a random value and a marker; two steps are
-- marked, and after the last step the network must output the sum of the two marked values.
-- Always answering 1 gives a mean squared error of about 0.167: to do better, the network must
-- find and remember the marked values.
--
-- The network is a vanilla RNN with ReLU units, trained with a learning rate that is too high
-- for it. Its recurrent weights soon grow past 1, so the hidden state and the gradient grow step
-- by step through time, and at step 4 the gradient is hundreds of times larger than at step 1.
-- Clipping cannot stop that gradient from appearing; it decides how big a step it causes:
--   * sgd without clipping takes the huge gradient at face value: the weights jump, the next loss
--     is NaN, and the run is stopped and reported as diverged, with its step;
--   * adam without clipping survives (it scales its steps), but the jump throws the weights so
--     far off that the network never recovers: it stays at the "always 1" error;
--   * with clipping (clip = 1: a gradient whose norm is above 1 is scaled down to norm 1) sgd
--     survives, though at this rate it only bounces around: clipping is no cure for a learning
--     rate that is too high. Adam with clipping learns the task.
-- Each variant starts from the same initial weights and sees the same batches.
--
--   rnnplay run scripts/clipping.lua --headless             -- about 2 s on 2 cores
--   rnnplay run scripts/clipping.lua --headless --steps 30  -- a quick check that it runs

local data = rnn.data.adding{ seq = 20, seed = 2 }

local variants = {
  { name = 'sgd', optimizer = rnn.optim.sgd{ lr = 1.0 }, clip = 0 },        -- clip = 0: no clipping
  { name = 'sgd_clip', optimizer = rnn.optim.sgd{ lr = 1.0 }, clip = 1.0 },
  { name = 'adam', optimizer = rnn.optim.adam{ lr = 0.02 }, clip = 0 },
  { name = 'adam_clip', optimizer = rnn.optim.adam{ lr = 0.02 }, clip = 1.0 },
}

-- What each run went through, gathered by on_step (ctx.name says which variant is running).
local worst, clipped, first_grad

local function reset()
  worst, clipped, first_grad = { loss = 0, step = 0, grad = 0 }, 0, nil
end
reset()

return {
  data = data,
  model = rnn.nn.sequential{
    rnn.nn.rnn{ hidden = 64, nonlinearity = 'relu' },
    rnn.nn.linear{},
  },
  batch = 32,
  steps = 1000,
  evaluate_every = 100,
  select = { restore_best = false },   -- judge each variant by where it ended up
  compare = variants,

  on_step = function(ctx)
    first_grad = first_grad or ctx.grad_norm
    if ctx.loss > worst.loss then worst = { loss = ctx.loss, step = ctx.step, grad = ctx.grad_norm } end
    if ctx.clipped then clipped = clipped + 1 end
  end,

  on_finish = function(ctx)
    local name = ctx.name
    print(string.format('\n%s: the first gradient had norm %.2f; the largest loss, %.3g, came at step %d with a gradient of norm %.3g',
      name, first_grad or 0, worst.loss, worst.step, worst.grad))
    if ctx.status == 'diverged' then
      print(string.format('%s: DIVERGED: %s', name, ctx.message))
    else
      local verdict = ctx.test_loss < 0.5 * ctx.baseline_constant_rmse ^ 2 and 'learned the task'
        or 'no better than always answering 1'
      print(string.format('%s: test MSE %.4f (always 1: %.4f): %s; %d of %d steps were clipped',
        name, ctx.test_loss, ctx.baseline_constant_rmse ^ 2, verdict, clipped, ctx.step))
    end
    reset()
  end,
}
