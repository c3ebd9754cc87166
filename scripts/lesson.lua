-- A guided tour of recurrent networks for a room: eight stops a presenter steps through with a
-- key (→, Page Down or Enter: next stop; ←, Page Up: back; ↓: the next step of a step-through),
-- on the classic example — a vanilla RNN with 10 hidden units learning whether it rains tomorrow
-- from a week of temperature, humidity and wind in the simulated weather world, training live.
-- Two stops switch the window to another model, live: vanishing gradients show a plain RNN and
-- then (↓) an LSTM on a long-delay copy task, and the gates' stop an LSTM on the same weather.
-- They are this experiment's compare variants, each keeping its own training while another is
-- shown (ctx.show_variant). Every stop is set up here through the Lua API (ctx.say,
-- ctx.highlight, ctx.walk, ctx.show_variant, rnn.view, ctx.pause/resume); nothing of the tour is in C#.
--
--   rnnplay run scripts/lesson.lua                                   -- the window
--   rnnplay run scripts/lesson.lua --record frames --frames 330 \
--     --keys right,right,right,right,right,down,right,right,down       -- every stop, offscreen

local seq = 7

local data = rnn.data.weather{
  days = 2000, seq = seq, seed = 1,
  features = { 'temp_mean', 'humidity', 'wind' },
  labels = 'rain', values = {},
}

local model = rnn.nn.sequential{ rnn.nn.rnn{ hidden = 10 }, rnn.nn.linear{}, head = 'last' }

-- The long-delay task of scripts/vanishing.lua: four symbols, `delay` blanks, a go marker, then
-- the four symbols again; the same network around a plain RNN and around an LSTM.
local delay = 30
local copy = rnn.data.copy{ symbols = 6, length = 4, delay = delay, train = 2000, seed = 3 }
local copy_steps = 4 + delay + 1 + 4
local function copier(cell, options)
  options = options or {}
  options.hidden = 24
  return rnn.nn.sequential{ rnn.nn.embedding{ dim = 8 }, cell(options), rnn.nn.linear{} }
end

local stops
local current = 0

local function show(ctx, n)
  current = math.max(1, math.min(#stops, n))
  local stop = stops[current]
  ctx.show_variant(stop.variant or 'weather')   -- the model this stop is about; the others keep theirs
  ctx.walk_stop()
  ctx.highlight()
  rnn.view(stop.view or { panel = 'all', max_steps = seq })
  local text = stop.run and stop.run(ctx) or nil
  ctx.say(string.format('%d/%d · %s — %s%s', current, #stops, stop.title, stop.say, text and ('\n' .. text) or ''))
end

stops = {
  { title = 'The data',
    view = { panel = 'weather', max_steps = seq },
    say = 'Every hour the simulated world reports temperature, humidity, wind, pressure and rain. '
       .. 'The model reads one line a day — mean temperature, humidity, wind — for a week, and answers: '
       .. 'will it rain tomorrow? The orange line is its forecast, the grey dashes persistence (tomorrow = today).',
    run = function(ctx) ctx.resume() end },

  { title = 'The unrolled network',
    view = { panel = 'network', max_steps = seq },
    say = 'One column per day: the 3 inputs at the bottom, the 10 hidden units h_t above them, the answer on top '
       .. 'after the last day only. The same weights W_ih (input → hidden) and W_hh (yesterday\'s h → today\'s h) '
       .. 'are used in every column; the lines are the strongest of them, red positive, blue negative. '
       .. 'Outlined in yellow: hidden unit 1 on every day.',
    run = function(ctx) ctx.highlight{ layer = 1, unit = 1 } end },

  { title = 'One forward step, written out',
    view = { panel = 'network', max_steps = seq },
    say = 'h_t = tanh(W_ih·x_t + W_hh·h_{t−1} + b) for hidden unit 1 on day 3, with this model\'s own weights and '
       .. 'activations (training is paused). ↓ or T computes the next day.',
    run = function(ctx)
      ctx.walk{ layer = 1, unit = 1 }
      ctx.walk_next()
      ctx.walk_next()
    end },

  { title = 'The loss',
    view = { panel = 'all', max_steps = seq },
    say = 'After the last day a Linear layer turns h_7 into two logits; softmax makes them P(dry) and P(rain). '
       .. 'Cross-entropy is −log P(what really happened): 0.69 for a coin toss, near 0 for a confident right answer. '
       .. 'Adam (lr 1e−3) moves every weight a little against its gradient, batch after batch — the loss curve on the right.',
    run = function(ctx)
      ctx.resume()
      ctx.highlight{ layer = 1, step = seq }
    end },

  { title = 'Backpropagation through time, step by step',
    view = { panel = 'network', max_steps = seq },
    say = 'The gradient of the loss enters at the last day and flows back one column at a time; each step multiplies '
       .. 'it by the slope of tanh times W_hh. The panel shows |∂L/∂h_t| of the latest backward pass and that factor. ↓ or T: one step further back.',
    run = function(ctx)
      ctx.walk{ layer = 1, unit = 1 }
      for _ = 1, seq do ctx.walk_next() end
    end },

  { title = 'Vanishing gradients',
    variant = 'rnn_copy',
    view = { panel = 'network', max_steps = copy_steps },
    say = 'Now a task with a long memory: four symbols, ' .. delay .. ' blanks, then repeat the four. When the factors '
       .. 'are below 1 the product shrinks geometrically: the strip under this plain RNN is |∂L/∂h_t| on a log scale, '
       .. 'and the first steps get almost nothing (scripts/vanishing.lua: 1e−18 of the last over 35 steps; it learns nothing). '
       .. '↓ switches to an LSTM on the same task, and back.',
    run = function(ctx) ctx.resume() end,
    down = function(ctx)
      local lstm = ctx.name ~= 'lstm_copy'
      ctx.show_variant(lstm and 'lstm_copy' or 'rnn_copy')
      ctx.resume()
      return lstm and 'The LSTM on the same task: its strip stays level back to the first step — the cell state is carried '
          .. 'by the forget gate (opened at the start with a bias of 2), not squashed by tanh at every step. ↓: the plain RNN again.'
        or 'The plain RNN again: its strip falls away toward the first steps. ↓: the LSTM.'
    end },

  { title = 'Exploding gradients and clipping',
    view = { panel = 'training', max_steps = seq },
    say = 'When the factors are above 1 the product explodes instead: one huge step throws the weights away '
       .. '(scripts/clipping.lua: SGD diverges at step 5). Clipping rescales the whole gradient when its norm exceeds a '
       .. 'threshold, keeping its direction — the grad norm chart shows the norm and the threshold. C turns clipping on and off here.',
    run = function(ctx) ctx.resume() end },

  { title = 'The LSTM\'s gates on the weather',
    variant = 'lstm_weather',
    view = { panel = 'network', max_steps = seq },
    say = 'An LSTM with 10 units now learns the same weather question. Its cell adds gates: forget f (keep yesterday\'s '
       .. 'memory), input i (write today\'s news), the candidate g and output o; their heatmaps sit beside each cell. '
       .. '↓ or T writes out i, f, g, o and c_t = f·c_{t−1} + i·g with this LSTM\'s numbers.',
    run = function(ctx) ctx.resume() end },
}

return {
  data = data,
  model = model,
  optimizer = rnn.optim.adam{ lr = 1e-3 },
  batch = 32,
  epochs = 100,
  track_gradient_norms = true,
  clip = 1.0,
  view = { panel = 'weather', max_steps = seq },
  live = { ticks_per_second = 240, train_every = 2 },
  -- The models the tour switches to (ctx.show_variant); 'weather' is the experiment above.
  compare = {
    { name = 'weather' },
    { name = 'rnn_copy', data = copy, model = copier(rnn.nn.rnn), epochs = 30 },
    { name = 'lstm_copy', data = copy, model = copier(rnn.nn.lstm, { forget_bias = 2 }), epochs = 30 },
    { name = 'lstm_weather', model = rnn.nn.sequential{ rnn.nn.lstm{ hidden = 10 }, rnn.nn.linear{}, head = 'last' },
      optimizer = rnn.optim.adam{ lr = 3e-3 }, seed = 2 },   -- an LSTM's four gates learn slower: a larger step
  },

  on_draw = function(ctx)
    if current == 0 then show(ctx, 1) end
  end,

  on_key = function(ctx, key)
    if key == 'right' or key == 'pagedown' or key == 'enter' then show(ctx, current + 1)
    elseif key == 'left' or key == 'pageup' then show(ctx, current - 1)
    elseif key == 'down' then
      local stop = stops[current]
      if stop and stop.down then
        ctx.say(string.format('%d/%d · %s — %s', current, #stops, stop.title, stop.down(ctx)))
      else
        ctx.walk_next()
      end
    end
  end,

  on_click = function(ctx, target)
    if target.kind == 'unit' then
      ctx.highlight{ layer = target.layer, step = target.step, unit = target.unit }
      ctx.walk{ layer = target.layer, unit = target.unit }
    end
  end,
}
