-- Vanishing gradients: a vanilla RNN, an LSTM and a GRU of the same size on the copy task.
--
-- The network sees a few symbols, then a long blank delay, then must recall the symbols. The
-- gradient of the recall loss has to travel back through every step of the delay: through a
-- vanilla RNN it shrinks at each step (it vanishes), while the gates of the LSTM and GRU let it
-- through. The report prints |dL/dh_t| at several time steps for each model.
--
--   rnnplay run scripts/vanishing.lua --headless

local data = rnn.data.copy{ symbols = 6, length = 4, delay = 20, train = 2000, seed = 3 }

local function model(layer)
  return rnn.nn.sequential{
    rnn.nn.embedding{ dim = 8 },
    layer{ hidden = 48 },
    rnn.nn.linear{},
  }
end

return {
  data = data,
  model = model(rnn.nn.lstm),
  optimizer = rnn.optim.adam{ lr = 5e-3 },
  batch = 32,
  steps = 600,
  clip = 1.0,
  evaluate_every = 100,
  track_gradient_norms = true,
  compare = {
    { name = 'rnn', model = model(rnn.nn.rnn) },
    { name = 'lstm', model = model(rnn.nn.lstm) },
    { name = 'gru', model = model(rnn.nn.gru) },
  },
}
