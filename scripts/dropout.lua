-- Variational dropout (Gal & Ghahramani 2016) against overfitting, on labelled texts of different lengths.
--
-- data/reviews.tsv holds 400 made-up one-line reviews (4 … 20 words from a vocabulary of 41):
-- 'positive' when the praising words outnumber the damning ones, where 'not' turns the next such
-- word around ("not boring" praises). rnn.data.labelled reads the label<TAB>text lines at word
-- level; the vocabulary comes from the training half only. Batches hold reviews of similar
-- lengths (bucketing), padded and masked: each review runs as if alone, and the head reads its
-- own last word.
--
-- Two runs compare on the same 200 training reviews, both an LSTM far larger than the task needs:
-- 'plain' learns the training set by heart and its validation loss climbs after the first epochs;
-- 'variational' drops the same units of the inputs, of the recurrent state and of the output at
-- every step of a review (a new mask for each review), and keeps generalizing. In the window the
-- two validation curves are drawn side by side.
--
--   rnnplay run scripts/dropout.lua --headless            -- about 1 min on 2 cores
--   rnnplay run scripts/dropout.lua --headless --steps 50 -- a quick check that it runs

local data = rnn.data.labelled{ path = 'data/reviews.tsv', level = 'word', split = { 0.5, 0.25, 0.25 }, seed = 3 }

local info = data:info()
print(string.format('%d training reviews of up to %d words, %d for validation, %d for testing; vocabulary %d (with <unk>)',
  info.train, info.seq, info.validation, info.test, info.vocab))

local function model(rate)
  return rnn.nn.sequential{
    rnn.nn.embedding{ dim = 32 },
    rnn.nn.lstm{ hidden = 128, input_dropout = rate, recurrent_dropout = rate, output_dropout = rate },
    rnn.nn.linear{},   -- two outputs after each review's last word: negative, positive
  }
end

local best = {}

return {
  data = data,
  model = model(0),
  optimizer = rnn.optim.adam{ lr = 3e-3 },
  batch = 16,
  epochs = 30,
  compare = {
    { name = 'plain', model = model(0) },
    { name = 'variational', model = model(0.5) },
  },

  on_epoch = function(ctx)
    local b = best[ctx.name]
    if not b or ctx.val_loss < b.loss then b = { loss = ctx.val_loss, epoch = ctx.epoch } end
    b.last = ctx.val_loss
    best[ctx.name] = b
    if ctx.epoch % 5 == 0 then
      print(string.format('%-11s epoch %2d: training loss %.3f, validation loss %.3f, accuracy %.3f',
        ctx.name, ctx.epoch, ctx.loss, ctx.val_loss, ctx.val_accuracy))
    end
  end,

  on_finish = function(ctx)
    local b = best[ctx.name]
    if not b then   -- a run shorter than one epoch (--steps)
      print(string.format('%s: test accuracy %.3f', ctx.name, ctx.test_accuracy or 0 / 0))
      return
    end
    print(string.format('%s: validation loss %.3f after the last epoch, lowest %.3f at epoch %d; test accuracy %.3f (the best epoch\'s weights)',
      ctx.name, b.last, b.loss, b.epoch, ctx.test_accuracy))
  end,
}
