-- Sutskever et al. 2014 and Bahdanau et al. 2015 on one task: copying strings of 8 … 24 letters.
--
-- Three encoder–decoders of the same size (an LSTM of 64 units each side) are trained for the same
-- steps on the same pairs, and printed side by side:
--   plain      the encoder reads the source in order; the decoder must recall its first letters
--              from the end of a long sequence, the longest dependency there is;
--   reversed   the encoder reads the source backwards (Sutskever's trick): the first letters the
--              decoder writes are the last the encoder read, so the shortest dependencies come first
--              and training gets going sooner;
--   attention  the decoder looks back at every encoder state (additive attention) and learns to
--              read the source one letter a step, a diagonal in the heatmap.
-- The papers' ordering is reproduced: reversed beats plain, attention beats both (CER on test).
--
--   rnnplay run scripts/reverse.lua --headless               -- about 2 min on 2 cores
--   rnnplay run scripts/reverse.lua --headless --steps 100   -- a quick check that it runs
--   rnnplay run scripts/reverse.lua --set task=reverse       -- the reversing task instead

local p = rnn.params{ task = 'copy', steps = 1200, hidden = 64, lr = 3e-3 }

local data = rnn.data.task{ name = p.task, train = 10000, validation = 500, test = 1000, min_length = 8, max_length = 24, seed = 1 }

local function model(attention, reverse)
  return rnn.nn.seq2seq{
    encoder = { cell = 'lstm', hidden = p.hidden },
    decoder = { cell = 'lstm', hidden = p.hidden },
    attention = attention,
    embedding = 32,
    reverse_source = reverse,
  }
end

return {
  data = data,
  model = model('none', false),
  optimizer = rnn.optim.adam{ lr = p.lr },
  batch = 64,
  steps = p.steps,
  clip = 1,
  evaluate_every = 400,
  compare = {
    { name = 'plain', model = model('none', false) },
    { name = 'reversed', model = model('none', true) },
    { name = 'attention', model = model('additive', false) },
  },
}
