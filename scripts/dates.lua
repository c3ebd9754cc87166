-- Normalizing dates with an encoder–decoder that learns to align (Bahdanau et al. 2015).
--
-- rnn.data.task{name = 'dates'} writes random dates of 1950 … 2049 the ways people do
-- ("Tuesday, 3 March 1998", "3/3/98", "march 3rd 98" …) and asks for "1998-03-03". Training and
-- validation use the training formats; the test split is written only in held-out formats, which
-- put the same pieces in orders never seen, so the test score is about new formats, not memory.
--
-- A bidirectional GRU reads the characters; a GRU decoder writes the ISO date one character at a
-- time, and additive attention picks, for each output character, the source characters it needs
-- (the year's digits for the year, the month's name for the month…). In the window the attention
-- heatmap (output × source) sharpens from a blur into that alignment as training proceeds, with
-- the sample decoded against its target. Without attention the decoder must carry the whole date
-- in one vector and does clearly worse on the held-out formats.
--
--   rnnplay run scripts/dates.lua                            -- the window: watch the alignment form
--   rnnplay run scripts/dates.lua --headless                 -- about 30 s on 2 cores
--   rnnplay run scripts/dates.lua --headless --set attention=none
--   rnnplay eval scripts/dates.lua --checkpoint runs/dates-…/checkpoint.safetensors

local p = rnn.params{ attention = 'additive', hidden = 64, steps = 900, lr = 3e-3 }

local data = rnn.data.task{ name = 'dates', train = 10000, validation = 500, test = 1000, seed = 1 }

return {
  data = data,
  model = rnn.nn.seq2seq{
    encoder = { cell = 'gru', hidden = p.hidden, bidirectional = true },
    decoder = { cell = 'gru', hidden = p.hidden },
    attention = p.attention,
    embedding = 32,
  },
  optimizer = rnn.optim.adam{ lr = p.lr },
  schedule = rnn.schedule.cosine{},
  batch = 64,
  steps = p.steps,
  clip = 1,
  evaluate_every = 150,
  sample = 1,   -- the first held-out test date, decoded in the window as training goes

  on_finish = function(ctx)
    for _, text in ipairs{ 'Tuesday, 3 March 1998', '3/3/98', 'march 3rd 98' } do
      local out = ctx.model:translate(text)
      print(string.format('  %-24s → %s', text, out))
    end
  end,
}
