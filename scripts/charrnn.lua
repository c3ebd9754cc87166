-- A character-level LSTM writes Shakespeare (of a sort).
--
-- The model reads twelve of Shakespeare's sonnets (scripts/data/sonnets.txt, 7.5 KB) one character
-- at a time and learns to predict the next character. Nothing tells it about letters, words,
-- lines or rhyme: whatever it knows of them, it works out from the characters. Every few epochs
-- the script lets it write a line; at the end, a longer sample from a prime, at two temperatures
-- (low: safe and repetitive; high: adventurous and misspelt).
--
-- The samples are 100 characters long, but training unrolls the network over 25 characters at a
-- time (truncated backpropagation through time, bptt = 25): the state flows on through all 100,
-- the gradient only back through the last 25, and the weights are updated after every 25.
--
--   rnnplay run scripts/charrnn.lua --headless             -- about 15 s on 2 cores
--   rnnplay run scripts/charrnn.lua --headless --epochs 1  -- a quick check that it runs
--   rnnplay sample scripts/charrnn.lua --checkpoint runs/charrnn-…/checkpoint.safetensors --prime "Shall I"

-- Tunable with --set NAME=VALUE (rnnplay run) or swept (rnnplay sweep --grid …).
local p = rnn.params{ hidden = 128, lr = 5e-3, epochs = 10 }

local data = rnn.data.text{
  path = 'data/sonnets.txt',   -- relative to this script's folder
  seq = 100,                   -- characters per training sample
  stride = 10,                 -- a new sample starts every 10 characters (samples overlap)
  split = { 0.9, 0.05, 0.05 },
}

local info = data:info()
print(string.format('%d distinct characters; %d training samples of %d characters', info.vocab, info.train, info.seq))

local function sample(model, prime, temperature, length)
  return prime .. model:sample{ prime = prime, length = length, temperature = temperature, seed = 3 }
end

return {
  data = data,
  model = rnn.nn.sequential{
    rnn.nn.embedding{ dim = 32 },    -- each character becomes a vector of 32 numbers
    rnn.nn.lstm{ hidden = p.hidden },
    rnn.nn.dropout{ p = 0.2 },       -- while training, zero a random fifth of the LSTM's outputs
    rnn.nn.linear{},                 -- scores for every character that could come next
  },
  optimizer = rnn.optim.adam{ lr = p.lr },
  schedule = rnn.schedule.cosine{ min_lr = 5e-4 },
  batch = 32,
  epochs = p.epochs,
  bptt = 25,
  clip = 1.0,
  -- 7.5 KB is very little text: after a few epochs the model starts to learn the sonnets by heart
  -- (training loss keeps falling, validation loss rises again). We keep the last model anyway,
  -- which writes the most sonnet-like lines; restore_best = true would keep the epoch with the
  -- lowest validation loss.
  select = { restore_best = false },

  on_epoch = function(ctx)
    if ctx.epoch % 2 == 0 then
      print(string.format('epoch %2d  loss %.3f  validation loss %.3f  accuracy %.1f%%',
        ctx.epoch, ctx.loss, ctx.val_loss, 100 * ctx.val_accuracy))
      print('  ' .. sample(ctx.model, 'Thy ', 0.8, 60):gsub('\n', ' / '))
    end
  end,

  on_finish = function(ctx)
    print(string.format('\ntest: next-character accuracy %.1f%%, loss %.3f (guessing would give %.3f)',
      100 * ctx.test_accuracy, ctx.test_loss, math.log(info.vocab)))
    for _, temperature in ipairs{ 0.5, 1.0 } do
      print(string.format('\n-- temperature %.1f --', temperature))
      print(sample(ctx.model, 'Shall I compare thee', temperature, 300))
    end
  end,
}
