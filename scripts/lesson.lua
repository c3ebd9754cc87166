-- A guided tour of recurrent networks for a room: eight stops a presenter steps through with a
-- key (→, Page Down or Enter: next stop; ←, Page Up: back; ↓: the next step of a step-through),
-- on the classic example — a vanilla RNN with 10 hidden units learning whether it rains tomorrow
-- from a week of temperature, humidity and wind in the simulated weather world, training live.
-- Every stop is set up here through the Lua API (ctx.say, ctx.highlight, ctx.walk, rnn.view,
-- ctx.pause/resume); nothing of the tour is in C#.
--
--   rnnplay run scripts/lesson.lua                                   -- the window
--   rnnplay run scripts/lesson.lua --record frames --frames 270 \
--     --keys right,right,right,right,right,right,right,right           -- every stop, offscreen

local seq = 7

local data = rnn.data.weather{
  days = 2000, seq = seq, seed = 1,
  features = { 'temp_mean', 'humidity', 'wind' },
  labels = 'rain', values = {},
}

local model = rnn.nn.sequential{ rnn.nn.rnn{ hidden = 10 }, rnn.nn.linear{}, head = 'last' }

local stops
local current = 0

local function show(ctx, n)
  current = math.max(1, math.min(#stops, n))
  ctx.walk_stop()
  ctx.highlight()
  local stop = stops[current]
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
    view = { panel = 'network', max_steps = seq },
    say = 'When those factors are below 1 the product shrinks geometrically: the strip under the network is on a log '
       .. 'scale, and the first day gets a fraction of the last day\'s gradient. Over 35 steps (scripts/vanishing.lua, '
       .. 'the copy task) a plain RNN\'s first-step gradient is 1e−18 of its last and it learns nothing, while an LSTM\'s '
       .. 'stays flat (ratio 1.5) and it solves the task — its cell state is carried by the forget gate, not squashed by tanh.',
    run = function(ctx) ctx.resume() end },

  { title = 'Exploding gradients and clipping',
    view = { panel = 'training', max_steps = seq },
    say = 'When the factors are above 1 the product explodes instead: one huge step throws the weights away '
       .. '(scripts/clipping.lua: SGD diverges at step 5). Clipping rescales the whole gradient when its norm exceeds a '
       .. 'threshold, keeping its direction — the grad norm chart shows the norm and the threshold. C turns clipping on and off here.',
    run = function(ctx) ctx.resume() end },

  { title = 'The LSTM\'s gates on the weather',
    view = { panel = 'all', max_steps = seq },
    say = 'An LSTM cell adds gates: forget f (keep yesterday\'s memory), input i (write today\'s news), the candidate g '
       .. 'and output o. scripts/weather.lua trains one on this world (75 % against persistence\'s 64 %); its gate '
       .. 'heatmaps sit beside each cell, and T writes out i, f, g, o and c_t = f·c_{t−1} + i·g with its numbers.',
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

  on_draw = function(ctx)
    if current == 0 then show(ctx, 1) end
  end,

  on_key = function(ctx, key)
    if key == 'right' or key == 'pagedown' or key == 'enter' then show(ctx, current + 1)
    elseif key == 'left' or key == 'pageup' then show(ctx, current - 1)
    elseif key == 'down' then ctx.walk_next()
    end
  end,

  on_click = function(ctx, target)
    if target.kind == 'unit' then
      ctx.highlight{ layer = target.layer, step = target.step, unit = target.unit }
      ctx.walk{ layer = target.layer, unit = target.unit }
    end
  end,
}
