-- Vanishing gradients: a vanilla RNN, an LSTM and a GRU of the same width on the copy task.
--
-- Each sample shows four symbols, then 35 blanks, then a "go" marker; the network must then
-- repeat the four symbols in order. To learn that, the error at the recall steps has to travel
-- back through every step of the delay. Through a vanilla RNN it is multiplied at each step by
-- the recurrent weights and the tanh slope, so it shrinks geometrically: it vanishes, the first
-- inputs get no useful signal, and the RNN stays near chance (1 in 6). The gates of the LSTM and
-- GRU give the gradient an additive path through time, so it arrives at the first step about as
-- strong as it left the last, and both learn to copy almost perfectly.
--
-- The report after training prints |dL/dh_t|, the gradient of the loss with respect to the hidden
-- state at time step t (t = 0 is the first symbol), averaged over the last training steps, and
-- first/last, the ratio between the first and the last step: about 1e-20 for the RNN, about 1
-- for the gated cells. Also try:
--   * forget_bias = 1 or 0 (PyTorch's default) for the LSTM: at this delay it then stays at chance
--     too (first/last 1e-15 and 1e-26): its forget gate closes the gradient's path before training
--     can open it;
--   * --set delay=15: the vanilla RNN gets about 40% right: over 20 steps its gradient still arrives.
--
--   rnnplay run scripts/vanishing.lua --headless              -- about 30 s on 2 cores
--   rnnplay run scripts/vanishing.lua --headless --steps 30   -- a quick check that it runs

-- Tunable with --set NAME=VALUE (rnnplay run) or swept (rnnplay sweep --grid …).
local p = rnn.params{ delay = 35, hidden = 48, lr = 1e-2, steps = 2000 }

local data = rnn.data.copy{
  symbols = 6,   -- an alphabet of 6 symbols: guessing is right 1 time in 6
  length = 4,    -- symbols to remember
  delay = p.delay, -- blanks between the symbols and the go marker (sequence: 4 + 35 + 1 + 4 steps)
  train = 2000,
  seed = 3,
}

-- The same model around each cell: symbol embedding → recurrent layer (48 units) → symbol logits.
local function model(cell, options)
  options = options or {}
  options.hidden = p.hidden
  return rnn.nn.sequential{
    rnn.nn.embedding{ dim = 8 },
    cell(options),
    rnn.nn.linear{},
  }
end

return {
  data = data,
  model = model(rnn.nn.gru),
  optimizer = rnn.optim.adam{ lr = p.lr },
  batch = 32,
  steps = p.steps,
  clip = 1.0,                 -- keeps the occasional large gradient from wrecking training
  evaluate_every = 250,
  select = { restore_best = false },  -- report each model as trained, not its best checkpoint
  track_gradient_norms = true,        -- |dL/dh_t| per time step, printed in the comparison
  compare = {
    { name = 'rnn', model = model(rnn.nn.rnn) },
    -- A forget-gate bias of 2 starts the LSTM with its memory open (forget gate ≈ 0.88).
    { name = 'lstm', model = model(rnn.nn.lstm, { forget_bias = 2 }) },
    { name = 'gru', model = model(rnn.nn.gru) },
  },
}
