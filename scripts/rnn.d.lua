---@meta rnn

-- Type descriptions of the rnn.* API for editors that speak LuaLS (lua-language-server): with this
-- file in the workspace they autocomplete rnn.* functions, their options, the experiment table,
-- its callbacks and ctx, and the methods of handles. It is not an experiment and is never run;
-- `rnnplay run scripts/rnn.d.lua` refuses it (the check below).
--
-- Experiment scripts run in a sandbox: the standard libraries string, table, math, utf8 and
-- coroutine, os.time/clock/date, print, pcall/error and friends; no io, os.execute, require,
-- debug or load of bytecode. Files are read and written only through rnn.* functions: reads
-- under the script's folder and scripts/data, writes under the run's output folder.

if rnn ~= nil then
  error('this file describes the rnn.* API for editors (LuaLS); it is not an experiment. '
    .. 'Run an experiment script instead, e.g. rnnplay run scripts/weather.lua', 0)
end

---The RnnPlayground API: data sets, layers and models, optimizers, schedules, the live view, and
---functions for callbacks.
rnn = {}

-------------------------------------------------------------------------------------------------
-- Handles: C# objects that scripts hold but cannot look inside.
-------------------------------------------------------------------------------------------------

---A data set made by an rnn.data function. `tostring(data)` describes it.
---@class rnn.Dataset
local Dataset = {}

---What the data set is: its kind, sequence length, input and output sizes, and sample counts.
---@return rnn.DatasetInfo
function Dataset:info() end

---The data set's baselines on a split, as `{<name>_<metric> = value}`, e.g.
---`{persistence_accuracy = 0.64, majority_accuracy = 0.62, persistence_mae = 1.31, …}`
---(weather and CSV: persistence, majority, climatology, mean; sine: persistence, zero;
---adding: constant; copy: majority). Text data has none (an error).
---@param split? "train"|"validation"|"test" default "test"
---@return table<string, number>
function Dataset:baselines(split) end

---Source–target token pairs made by rnn.data.pairs or rnn.data.task, for an encoder–decoder.
---Vocabularies come from the training split only (other tokens read `<unk>`); ids 0 … 3 are
---`<pad>`, `<bos>`, `<eos>`, `<unk>`. `tostring(data)` describes it.
---@class rnn.Pairs
local Pairs = {}

---What the pairs are: kind, token level, vocabulary sizes (reserved ids included), longest
---source and target (in tokens), pair counts.
---@return rnn.PairsInfo
function Pairs:info() end

---Pair i (from 1) of a split, as given: source, target.
---@param i integer
---@param split? "train"|"validation"|"test" default "train"
---@return string source
---@return string target
function Pairs:pair(i, split) end

---Scores outputs (one text per pair of the split, in order) against the split's targets.
---@param outputs string[]
---@param split? "train"|"validation"|"test" default "test"
---@return rnn.PairScores
function Pairs:score(outputs, split) end

---@class rnn.PairsInfo
---@field kind "pairs"|"dates"|"reverse"|"copy"|"addition"
---@field level "char"|"word"
---@field source_vocab integer source tokens, the 4 reserved ones included
---@field target_vocab integer target tokens, the 4 reserved ones included
---@field max_source integer longest source in tokens
---@field max_target integer longest target in tokens (EOS not counted)
---@field train integer training pairs
---@field validation integer validation pairs
---@field test integer test pairs

---@class rnn.PairScores
---@field exact number share of outputs equal to their target
---@field token_accuracy number tokens equal at the same position, over Σ max(output, target) lengths
---@field cer number character error rate: Σ edit distances / Σ target characters
---@field bleu number corpus BLEU (0–100) as sacreBLEU's defaults: 13a tokens, 4-grams, exp smoothing, brevity penalty
---@field chrf number corpus chrF (0–100) as sacreBLEU's defaults: character 6-grams, β = 2
---@field count integer pairs scored

---@class rnn.DatasetInfo
---@field kind "weather"|"csv"|"text"|"sine"|"adding"|"copy"|"world"|"sequences"|"generate"|"labelled"
---@field seq integer time steps per sample (the longest when variable_length)
---@field features integer float inputs per step (0 for token data)
---@field vocab integer token vocabulary (0 for float data)
---@field classes integer classes to predict (0 when none)
---@field values integer numbers to predict (0 when none)
---@field variable_length boolean whether the samples have different lengths
---@field train integer training samples
---@field validation integer validation samples
---@field test integer test samples

---One layer made by an rnn.nn function, to be put in rnn.nn.sequential{…}.
---@class rnn.Layer

---A model made by rnn.nn.sequential{…}. Its sizes are resolved against the data when the
---experiment is made; predict, sample and parameters work once training has started (from a
---callback), on the model being trained.
---@class rnn.Model
local Model = {}

---Runs the trained model on one sequence and returns what it predicts after its last step.
---For float data, `x` is a flat list of raw feature values, step after step (`#x` a multiple of the
---features per step; normalized as in training); predicted values come back in raw units.
---For text data, `x` is a string: the returned class is the likeliest next character.
---@param x number[]|string
---@return rnn.Prediction
function Model:predict(x) end

---Generates text with a character model (data from rnn.data.text), one character at a time.
---@param options? rnn.SampleOptions
---@return string text the generated characters (without the prime)
function Model:sample(options) end

---The number of trainable parameters (weights and biases).
---@return integer
function Model:parameters() end

---An encoder–decoder made by rnn.nn.seq2seq{…}. Its vocabularies come from the experiment's pairs;
---translate and parameters work once training has started (from a callback), on the model being trained.
---@class rnn.Seq2Seq
local Seq2Seq = {}

---Decodes a source text with the model as it is now (greedy, or beam search with `beam` > 1).
---Returns the output and the attention matrix: one row per output token (the end token's last when
---it was written), one column per source token as the encoder read it, each row summing to 1;
---an empty table for a model without attention.
---@param text string
---@param options? rnn.TranslateOptions
---@return string output
---@return number[][] attention
function Seq2Seq:translate(text, options) end

---The number of trainable parameters (weights and biases).
---@return integer
function Seq2Seq:parameters() end

---@class rnn.TranslateOptions
---@field beam? integer beam width (default 1: greedy)
---@field max_length? integer most output tokens, the end token counted (default: the data's longest target + 5)
---@field length_norm? number a finished hypothesis of n tokens scores log P / n^length_norm (default 0)

---@class rnn.Prediction
---@field class? string the likeliest class (classification data)
---@field probabilities? number[] probability of each class, in class order
---@field values? number[] predicted values, in raw units

---@class rnn.SampleOptions
---@field prime? string text to start from (default "": the model starts from nothing)
---@field length? integer characters to generate (1 … 1000000, default 200)
---@field temperature? number > 0 (default 1): lower is safer and more repetitive, higher more adventurous
---@field seed? integer sampling seed (default: the experiment's seed)

---An optimizer made by an rnn.optim function.
---@class rnn.Optimizer

---A learning-rate schedule made by an rnn.schedule function.
---@class rnn.Schedule

---What `on_draw(ctx)` draws on: `ctx.canvas`. Coordinates are fractions of the panel, (0, 0) its
---top-left and (1, 1) its bottom-right corner (-10 … 10 allowed). At most 2000 items per frame.
---@class rnn.Canvas
local Canvas = {}

---Draws a line from (x0, y0) to (x1, y1).
---@param x0 number
---@param y0 number
---@param x1 number
---@param y1 number
---@param style? rnn.LineStyle
function Canvas:line(x0, y0, x1, y1, style) end

---Draws a rectangle with its top-left corner at (x, y).
---@param x number
---@param y number
---@param w number
---@param h number
---@param style? rnn.RectStyle
function Canvas:rect(x, y, w, h, style) end

---Writes text with its top-left corner at (x, y).
---@param x number
---@param y number
---@param text string
---@param style? rnn.TextStyle
function Canvas:text(x, y, text, style) end

---@alias rnn.Panel "all"|"network"|"weather"|"training"

---@class rnn.Style
---@field color? string "#rrggbb" or "#rrggbbaa" (default "#ffd166")
---@field panel? rnn.Panel the panel the coordinates refer to (default "all": the whole window)

---@class rnn.LineStyle: rnn.Style
---@field width? number line width in pixels (0.1 … 50, default 1.5)

---@class rnn.RectStyle: rnn.Style
---@field fill? boolean filled (default false: outline)
---@field width? number outline width in pixels (0.1 … 50, default 1.5)

---@class rnn.TextStyle: rnn.Style
---@field size? number text size in pixels (6 … 96, default 13)

-------------------------------------------------------------------------------------------------
-- rnn.data
-------------------------------------------------------------------------------------------------

---Data sets. Each function returns a Dataset; samples are fixed by their seed.
rnn.data = {}

---Train/validation[/test] fractions, e.g. `{0.7, 0.15, 0.15}`: they add up to 1 and leave some
---for test. Splits are chronological for series and text.
---@alias rnn.Split number[]

---@alias rnn.WeatherColumn "temp_mean"|"temp_min"|"temp_max"|"humidity"|"wind"|"wind_max"|"pressure"|"pressure_change"|"precipitation"

---@class rnn.WeatherOptions
---@field days? integer simulated days of history (60 … 200000, default 3000)
---@field seq? integer days per sample (1 … 365, default 14)
---@field horizon? integer predict this many days ahead (1 … 30, default 1)
---@field labels? "rain"|"sun_cloud_rain"|"sun_cloud_rain_storm" the classes (default "rain": dry or rain)
---@field class? boolean predict the class (default true)
---@field values? rnn.WeatherColumn[] columns to predict as numbers (default {"temp_mean"}; {} for none)
---@field features? rnn.WeatherColumn[] input columns (default: all nine)
---@field split? rnn.Split default {0.7, 0.15, 0.15}
---@field seed? integer the world's seed (default 1)
---@field climate? rnn.Climate the simulated climate (default: mild and maritime, rainy winters)

---@class rnn.Climate
---@field mean_temperature? number °C (-40 … 40, default 11)
---@field seasonal_amplitude? number °C (0 … 40, default 7)
---@field daily_amplitude? number °C (0 … 25, default 4)
---@field mean_humidity? number % (5 … 100, default 72)
---@field storminess? number weather systems' frequency (0 … 4, default 0.3)
---@field showers_per_day? number (0 … 10, default 0.08)
---@field noise? number scale of the random variation (0 … 5, default 1)
---@field hours_per_day? integer (4 … 240, default 24)
---@field days_per_year? integer (10 … 1000, default 365)

---The simulated weather world: daily records of hourly weather; each sample is `seq` days, the
---target tomorrow's weather class and values. In the live window the world keeps running.
---@param options? rnn.WeatherOptions
---@return rnn.Dataset
function rnn.data.weather(options) end

---@class rnn.WorldOptions
---@field series string[] what each tick observes, in order (the strip charts' names; not "class" or "note")
---@field units? string[] one unit per series (default: none)
---@field inputs? string[] the series the model sees (default: all)
---@field values? string[] the series it forecasts one step ahead; the first is scored and drawn (default: the first series, or none with classes)
---@field classes? string[] class names; observe then returns class = 'name', forecast and scored by accuracy
---@field every? integer ticks per step of the model's stream: every `every`-th tick's observation is a step (1 … 100000, default 1)
---@field history? integer steps simulated from `seed` before the live stream: the training data and its normalization (100 … 1000000, default 2000)
---@field seq? integer steps the model sees per forecast (1 … 10000, default 16)
---@field horizon? integer train to forecast this many steps ahead (default 1)
---@field period? integer steps per period of the live scores (10 …, default 1000)
---@field seed? integer seed of the history's random source (default 1; the live stream uses live.world_seed)
---@field init? fun(rng: rnn.Random): any makes the world's state on each start (the history, then the live stream)
---@field observe fun(t: integer, rng: rnn.Random, state: any): table one tick (t from 0 on each start): `{name = number, …}` for every series (finite), `class = 'name'` with classes, optionally `note = '…'` to mark a change in the charts and the report

---The seeded random source the host hands to a world's functions and to a generator's `sample`
---(reseeded for each sample): the same seed gives the same numbers everywhere (unlike math.random).
---@class rnn.Random
local Random = {}

---A uniform number in [0, 1), or in [a, b) when given.
---@param a? number
---@param b? number
---@return number
function Random:uniform(a, b) end

---A normal number (mean 0, sd 1 by default).
---@param mean? number
---@param sd? number
---@return number
function Random:normal(mean, sd) end

---A uniform integer in [a, b].
---@param a integer
---@param b integer
---@return integer
function Random:integer(a, b) end

---A world written in the script, streamed live like the weather world: each tick one call of
---`observe`; the live loop forecasts the next step before it arrives, scores it against
---persistence and the mean, and trains on the replay window. `history` steps are simulated at
---once as the training data. Use it as the experiment's `data`. A function that errors, or
---returns a missing, unknown or non-finite field, stops the world with its line and the tick.
---@param options rnn.WorldOptions
---@return rnn.Dataset
function rnn.world(options) end

---@class rnn.CsvOptions
---@field path string the file, relative to the script's folder (e.g. "data/seattle-weather.csv")
---@field features string[] input columns (at least one)
---@field target? string label column to predict as a class
---@field values? string[] numeric columns to predict
---@field date? string date column (rows must be in order)
---@field seq? integer rows per sample (1 … 10000, default 14)
---@field horizon? integer predict this many rows ahead (default 1)
---@field stride? integer rows between sample starts (default 1)
---@field split? rnn.Split default {0.7, 0.15, 0.15}
---@field missing? "refuse"|"drop"|"ffill"|"mean" what to do with empty cells (default "refuse")
---@field classes? string[] class names in order (default: the labels found, sorted)
---@field groups? table<string, string[]> raw labels per class, e.g. `{wet = {"rain", "drizzle"}, dry = {"sun"}}` (needs classes)

---A recorded time series from a CSV file with a header row. Give a target, values, or both.
---@param options rnn.CsvOptions
---@return rnn.Dataset
function rnn.data.csv(options) end

---@class rnn.TextOptions
---@field path string the file, relative to the script's folder (e.g. "data/sonnets.txt")
---@field seq? integer characters per sample (1 … 100000, default 64)
---@field stride? integer characters between sample starts (default 0: seq, no overlap)
---@field split? rnn.Split default {0.9, 0.05, 0.05}

---Next-character prediction over a text file: the target at every step is the next character.
---@param options rnn.TextOptions
---@return rnn.Dataset
function rnn.data.text(options) end

---@class rnn.ToyCounts
---@field train? integer training samples
---@field validation? integer validation samples
---@field test? integer test samples
---@field seed? integer (default 1)

---@class rnn.SineOptions: rnn.ToyCounts
---@field seq? integer values the model sees (1 … 10000, default 30)
---@field components? integer sines in each mixture (1 … 16, default 3)
---@field every_step? boolean predict the next value at every step, not only after the last (default false)
---@field noise? number standard deviation of Gaussian noise on every observed value (default 0: clean sines)

---Sums of sines with random amplitude, period (4 … 40 steps) and phase; predict the next value.
---Default counts 1000/200/200.
---@param options? rnn.SineOptions
---@return rnn.Dataset
function rnn.data.sine(options) end

---@class rnn.AddingOptions: rnn.ToyCounts
---@field seq? integer steps (2 … 10000, default 50)

---The adding problem: at each step a value in [0, 1) and a marker; the target is the sum of the
---two marked values. Always answering 1 has an MSE of about 0.167. Default counts 2000/400/400.
---@param options? rnn.AddingOptions
---@return rnn.Dataset
function rnn.data.adding(options) end

---@class rnn.CopyOptions: rnn.ToyCounts
---@field symbols? integer alphabet size (2 … 64, default 8)
---@field length? integer symbols to remember (1 … 1000, default 5)
---@field delay? integer blanks between the symbols and the go marker (0 … 10000, default 10)

---The copy task: `length` symbols, `delay` blanks, a go marker, then repeat the symbols. Tokens
---(start the model with an embedding); targets only at the recall steps. Default counts 2000/400/400.
---@param options? rnn.CopyOptions
---@return rnn.Dataset
function rnn.data.copy(options) end

---@class rnn.SampleShapeOptions
---@field classes? integer|string[] class targets: how many (labels 1 … K) or their names in order; without it targets are numbers
---@field vocab? integer inputs are token ids 1 … vocab (start the model with an embedding), one per step
---@field every_step? boolean a target at every step (labels: 0 for no target at a step), not only after the last (default false)
---@field normalize? boolean z-score each input feature with the training split's mean and deviation (default false)

---@class rnn.SequencesOptions: rnn.SampleShapeOptions
---@field inputs table[] one per sample: a list of steps, each a number or a list of numbers (features); or token ids with vocab
---@field targets table[] one per sample: a label, a number or a list of numbers; with every_step, one of these per step
---@field split? rnn.Split fractions in the order given (default {0.7, 0.15, 0.15})

---A dataset from the script's own tables: sample i is (inputs[i], targets[i]). All samples have
---the first's features; inputs of different lengths make a variable-length dataset (batches
---bucketed by length, padded and masked: each sequence is run as if alone, and the last-step head
---reads its own last step); its per-step targets, with every_step, are labels.
---@param options rnn.SequencesOptions
---@return rnn.Dataset
function rnn.data.sequences(options) end

---@class rnn.LabelledOptions
---@field path string a UTF-8 file of label<TAB>text lines (blank lines skipped)
---@field level? "char"|"word" tokens are characters or words (runs of non-space; default "char")
---@field split? rnn.Split fractions of the shuffled lines (default {0.8, 0.1, 0.1})
---@field seed? integer the shuffle before the split (default 1)
---@field lower? boolean lower-case the texts (default false)
---@field max_length? integer keep at most this many tokens of a text (default 0: all)

---Sequence classification from labelled texts of different lengths: token ids (start the model
---with an embedding), the label after the last step; the vocabulary comes from the training split
---only, and any other token is the unknown token (id 1, "<unk>"). Classes: every label, sorted.
---@param options rnn.LabelledOptions
---@return rnn.Dataset
function rnn.data.labelled(options) end

---@class rnn.GenerateOptions: rnn.SampleShapeOptions
---@field train? integer training samples (default 2000)
---@field validation? integer validation samples (default 400)
---@field test? integer test samples (default 400)
---@field seed? integer (default 1)
---@field sample fun(rng: rnn.Random, i: integer, split: "train"|"validation"|"test"): table, number|table returns x, y as in rnn.data.sequences' inputs[i], targets[i]

---A dataset from a generator, called once per sample (i = 1 … n in each split) when the script
---loads; training then makes no Lua call. All calls share the script's limits (10 s and 10⁸
---instructions by default); a sample that fails or does not fit is reported with its index.
---@param options rnn.GenerateOptions
---@return rnn.Dataset
function rnn.data.generate(options) end

---@class rnn.PairTokenOptions
---@field min_count? integer a training token seen fewer times reads `<unk>` (default 1)
---@field reverse_source? boolean feed each source backwards, as Sutskever et al. 2014 (default false)
---@field max_source? integer refuse a source longer than this, in tokens (default 0: no limit)
---@field max_target? integer refuse a target longer than this, in tokens (default 0: no limit)

---@class rnn.PairsOptions: rnn.PairTokenOptions
---@field path string a UTF-8 file of `source<TAB>target` lines (blank lines skipped)
---@field level? "char"|"word" tokens are characters or whitespace-separated words (default "char")
---@field split? rnn.Split fractions of the pairs in file order (default {0.8, 0.1, 0.1})

---Token pairs from a file. A line without a tab, with more than one, with an empty source, or
---with a side longer than its maximum is refused as `file:line: …`.
---@param options rnn.PairsOptions
---@return rnn.Pairs
function rnn.data.pairs(options) end

---@class rnn.TaskOptions: rnn.PairTokenOptions
---@field name "dates"|"reverse"|"copy"|"addition"
---@field train? integer training pairs (default 5000)
---@field validation? integer validation pairs (default 500)
---@field test? integer test pairs (default 500)
---@field seed? integer (default 1)
---@field held_out? boolean dates: test only on the 6 held-out formats (default true); false: all 23 formats in every split
---@field digits? integer addition: most digits per operand (1 … 9, default 3)
---@field min_length? integer reverse, copy: shortest string (default 4)
---@field max_length? integer reverse, copy: longest string (default 16)
---@field alphabet? string reverse, copy: the characters strings draw from (default a … z)

---A generated, seeded seq2seq task at character level. dates: human-written dates
---("Tuesday, 3 March 1998", "3/3/98", "march 3rd 98") → "1998-03-03", 1950 … 2049, training in
---17 formats and testing in 6 held-out ones; reverse: "abc" → "cba"; copy: "abc" → "abc";
---addition: "37+485" → "522". Options of another task are refused.
---@param options rnn.TaskOptions
---@return rnn.Pairs
function rnn.data.task(options) end

-------------------------------------------------------------------------------------------------
-- rnn.nn
-------------------------------------------------------------------------------------------------

---Layers and models. Sizes left out (input, output, vocab) are taken from the layer below or
---from the data; a size given is checked against them.
rnn.nn = {}

---@class rnn.LayerOptions
---@field name? string a name shown in the views

---@class rnn.EmbeddingOptions: rnn.LayerOptions
---@field dim integer vector size per token
---@field vocab? integer tokens (checked against the data's vocabulary)

---Turns token ids into learned vectors; the first layer for token data (text, copy).
---@param options rnn.EmbeddingOptions
---@return rnn.Layer
function rnn.nn.embedding(options) end

---@class rnn.RecurrentOptions: rnn.LayerOptions
---@field hidden integer units per layer and direction
---@field input? integer input width (checked against the layer below)
---@field layers? integer stacked layers (1 … 64, default 1)
---@field dropout? number dropout between stacked layers while training, a new mask at every step (PyTorch's; 0 … 0.99, default 0)
---@field input_dropout? number variational dropout (Gal & Ghahramani) on every stacked layer's inputs: one mask per sample for all steps, while training (Keras' `dropout`; 0 ≤ p < 1, default 0)
---@field recurrent_dropout? number variational dropout on the state h(t−1) where it enters the recurrent product, one mask per sample for all steps (Keras' `recurrent_dropout`; 0 ≤ p < 1, default 0)
---@field output_dropout? number variational dropout on the stack's output, one mask per sample for all steps (0 ≤ p < 1, default 0)
---@field bidirectional? boolean also run backwards in time; output width 2 × hidden (default false)
---@field bias? boolean (default true)

---@class rnn.LstmOptions: rnn.RecurrentOptions
---@field forget_bias? number added to the forget gate's bias at initialization (-10 … 10, default 0; 1 or 2 help on long dependencies)

---@class rnn.RnnOptions: rnn.RecurrentOptions
---@field nonlinearity? "tanh"|"relu" (default "tanh")

---Long short-term memory layer(s).
---@param options rnn.LstmOptions
---@return rnn.Layer
function rnn.nn.lstm(options) end

---Gated recurrent unit layer(s).
---@param options rnn.RecurrentOptions
---@return rnn.Layer
function rnn.nn.gru(options) end

---Vanilla (Elman) recurrent layer(s): h = f(W_ih·x + W_hh·h + b).
---@param options rnn.RnnOptions
---@return rnn.Layer
function rnn.nn.rnn(options) end

---@class rnn.LinearOptions: rnn.LayerOptions
---@field output? integer output width; left out on the last layer, it is what the data needs (class logits + values)
---@field input? integer input width (checked against the layer below)
---@field bias? boolean (default true)

---A fully connected layer at every step.
---@param options? rnn.LinearOptions
---@return rnn.Layer
function rnn.nn.linear(options) end

---@class rnn.DropoutOptions: rnn.LayerOptions
---@field p number probability of zeroing a value while training (0 … 0.99)

---Zeroes a random share of its inputs while training (scaling the rest); passes them through when evaluating.
---@param options rnn.DropoutOptions
---@return rnn.Layer
function rnn.nn.dropout(options) end

---@class rnn.EncoderOptions
---@field cell? "gru"|"lstm"|"rnn" (default "gru")
---@field hidden integer units per direction
---@field layers? integer (default 1)
---@field bidirectional? boolean (default false): the encoder's states are 2 × hidden wide
---@field dropout? number between layers while training (0 … 0.99, default 0)

---@class rnn.DecoderOptions
---@field cell? "gru"|"lstm"|"rnn" (default: the encoder's)
---@field hidden? integer (default: the encoder's state width, hidden × directions)

---@class rnn.Seq2SeqOptions
---@field encoder rnn.EncoderOptions
---@field decoder? rnn.DecoderOptions
---@field attention? "additive"|"dot"|"general"|"none" Bahdanau's additive (default), Luong's dot (encoder states as wide as the decoder) or general, or none
---@field attention_size? integer additive attention's hidden width (default: the decoder's)
---@field embedding? integer width of both token embeddings (default 32)
---@field source_embedding? integer the source tokens' embedding width (default: embedding)
---@field target_embedding? integer the target tokens' embedding width (default: embedding)
---@field bridge? "linear"|"none" how the decoder's first state comes from the encoder's last: a linear layer with tanh (default), or as is (sizes equal)
---@field reverse_source? boolean the encoder reads each source backwards (Sutskever et al. 2014; default false)

---An encoder–decoder over token pairs (data from rnn.data.pairs or rnn.data.task): the encoder reads
---the source, the decoder writes the target token by token, attending to the encoder's states.
---Sizes that cannot fit (bridge 'none' or attention 'dot' with encoder and decoder of different
---widths) are refused at the call.
---@param options rnn.Seq2SeqOptions
---@return rnn.Seq2Seq
function rnn.nn.seq2seq(options) end

---@class rnn.SequentialOptions
---@field [integer] rnn.Layer the layers, input first
---@field head? "last"|"every" predict after the last step only, or at every step (default: what the data needs)

---A model: the layers in order, e.g. `rnn.nn.sequential{ rnn.nn.lstm{hidden = 32}, rnn.nn.linear{} }`.
---@param options rnn.SequentialOptions
---@return rnn.Model
function rnn.nn.sequential(options) end

-------------------------------------------------------------------------------------------------
-- rnn.optim
-------------------------------------------------------------------------------------------------

---Optimizers. Each returns an Optimizer for the experiment's `optimizer` field.
rnn.optim = {}

---@class rnn.SgdOptions
---@field lr? number learning rate > 0 (default 0.01)
---@field momentum? number 0 … 0.999999 (default 0)
---@field dampening? number 0 … 0.999999 (default 0)
---@field nesterov? boolean (default false)
---@field weight_decay? number ≥ 0 (default 0)

---@class rnn.AdamOptions
---@field lr? number learning rate > 0 (default 0.001)
---@field beta1? number 0 … 0.999999 (default 0.9)
---@field beta2? number 0 … 0.999999 (default 0.999)
---@field eps? number ≥ 0 (default 1e-8)
---@field weight_decay? number ≥ 0 (default 0 for adam, 0.01 for adamw)

---@class rnn.RmspropOptions
---@field lr? number learning rate > 0 (default 0.01)
---@field alpha? number smoothing 0 … 0.999999 (default 0.99)
---@field eps? number ≥ 0 (default 1e-8)
---@field weight_decay? number ≥ 0 (default 0)
---@field momentum? number 0 … 0.999999 (default 0)
---@field centered? boolean (default false)

---Stochastic gradient descent, with optional momentum.
---@param options? rnn.SgdOptions
---@return rnn.Optimizer
function rnn.optim.sgd(options) end

---Adam (the experiment's default, at lr 0.001).
---@param options? rnn.AdamOptions
---@return rnn.Optimizer
function rnn.optim.adam(options) end

---Adam with decoupled weight decay.
---@param options? rnn.AdamOptions
---@return rnn.Optimizer
function rnn.optim.adamw(options) end

---RMSprop.
---@param options? rnn.RmspropOptions
---@return rnn.Optimizer
function rnn.optim.rmsprop(options) end

-------------------------------------------------------------------------------------------------
-- rnn.schedule
-------------------------------------------------------------------------------------------------

---Learning-rate schedules (of the optimizer's lr). Each but one_cycle and custom takes
---`warmup = N`: N steps rising linearly to the rate first.
rnn.schedule = {}

---@class rnn.ScheduleOptions
---@field warmup? integer steps of linear warm-up (default 0)

---@class rnn.StepScheduleOptions: rnn.ScheduleOptions
---@field every? integer steps between cuts (default: a third of the run)
---@field gamma? number factor per cut (0 … 1, default 0.1)

---@class rnn.ExponentialScheduleOptions: rnn.ScheduleOptions
---@field gamma? number factor per step (0 … 1, default 0.999)

---@class rnn.CosineScheduleOptions: rnn.ScheduleOptions
---@field steps? integer length of the cosine (default: the rest of the run)
---@field min_lr? number ≥ 0 the rate at the end (default 0)

---@class rnn.PlateauScheduleOptions: rnn.ScheduleOptions
---@field factor? number cut factor (0 … 1, default 0.1)
---@field patience? integer evaluations without improvement before a cut (default 10)
---@field threshold? number ≥ 0 smallest change that counts as improvement (default 1e-4)
---@field cooldown? integer evaluations to wait after a cut (default 0)
---@field min_lr? number ≥ 0 (default 0)
---@field mode? "min"|"max" whether the selection metric should fall or rise (default "min")

---@class rnn.OneCycleScheduleOptions
---@field max_lr? number > 0 the peak (default: the optimizer's lr)
---@field steps? integer the cycle's length (default: the run's steps)
---@field pct_start? number share of the cycle spent rising (0 … 1, default 0.3)
---@field div_factor? number the start is max_lr / div_factor (≥ 1, default 25)
---@field final_div_factor? number the end is the start / final_div_factor (≥ 1, default 1e4)

---@class rnn.LinearScheduleOptions: rnn.ScheduleOptions
---@field steps? integer where the decay reaches min_lr (default: the run's steps)
---@field min_lr? number ≥ 0 the rate at the end (default 0)

---@class rnn.CustomScheduleOptions
---@field lr fun(step: integer, total: integer, base_lr: number): number the rate for update `step` (1 … total) of the run; base_lr is the optimizer's lr

---The optimizer's rate throughout.
---@param options? rnn.ScheduleOptions
---@return rnn.Schedule
function rnn.schedule.constant(options) end

---The rate times gamma every `every` steps.
---@param options? rnn.StepScheduleOptions
---@return rnn.Schedule
function rnn.schedule.step(options) end

---The rate times gamma at every step.
---@param options? rnn.ExponentialScheduleOptions
---@return rnn.Schedule
function rnn.schedule.exponential(options) end

---Half a cosine from the rate down to min_lr.
---@param options? rnn.CosineScheduleOptions
---@return rnn.Schedule
function rnn.schedule.cosine(options) end

---Cuts the rate when the validation metric (the experiment's `select.metric`) stops improving.
---@param options? rnn.PlateauScheduleOptions
---@return rnn.Schedule
function rnn.schedule.plateau(options) end

---One cycle, as PyTorch's OneCycleLR: up from max_lr/div_factor to max_lr along half a cosine, then
---down to max_lr/(div_factor·final_div_factor). Warms up by itself (pct_start): no `warmup`.
---@param options? rnn.OneCycleScheduleOptions
---@return rnn.Schedule
function rnn.schedule.one_cycle(options) end

---Linear warm-up over `warmup` steps, then a straight line down to min_lr at the last step.
---@param options? rnn.LinearScheduleOptions
---@return rnn.Schedule
function rnn.schedule.linear(options) end

---The script's own rate: `lr(step, total, base_lr)` is called once per update (about 1 µs, well
---under 1% of a step). An error or a rate that is not > 0 stops the run with the script's line.
---@param options rnn.CustomScheduleOptions
---@return rnn.Schedule
function rnn.schedule.custom(options) end

-------------------------------------------------------------------------------------------------
-- The view, files, and functions for callbacks
-------------------------------------------------------------------------------------------------

---@class rnn.ViewOptions
---@field panel? rnn.Panel the panel to show
---@field layers? integer[] recurrent layers to show in the unrolled network, from 1 (default: all)
---@field max_units? integer hidden units shown per layer (1 … 4096)
---@field max_steps? integer time steps shown (1 … 4096; the latest ones)
---@field max_connections? integer strongest connections drawn per weight matrix (0 … 100000)
---@field gates? boolean draw LSTM/GRU gate heatmaps
---@field series? string[] observed series and prediction tracks to show (default: all)
---@field negative? string colour of -1 in the weight and activation colours ("#rrggbb")
---@field positive? string colour of +1
---@field weight_labels? boolean write every input and recurrent weight and bias out under the network, and label the recurrent lines of one step (for small networks)

---Declares the script's tunable parameters with their defaults (integers, numbers, strings or
---booleans) and returns the values they take: the defaults, or what `rnnplay run --set name=value`
---or `rnnplay sweep` gave, parsed to the default's type (`--set hidden=abc` for an integer default
---is an error). Call it while the script loads, e.g. `local p = rnn.params{ lr = 3e-3, hidden = 32 }`.
---The values are recorded in summary.json and checkpoints; `rnnplay eval` rebuilds with them.
---@generic T: table<string, number|string|boolean>
---@param defaults T names to default values
---@return T values
function rnn.params(defaults) end

---Sets what the live window shows (also possible as the experiment's `view` field).
---@param options rnn.ViewOptions
function rnn.view(options) end

---Saves the model's weights (safetensors) under the run's output folder; works once training has
---started (from a callback). Relative paths start at the output folder.
---@param model rnn.Model
---@param path string
---@return string path the file written, as shown to the user
function rnn.save(model, path) end

---Loads weights saved by rnn.save (or a run's checkpoint) into the model, from a callback.
---@param model rnn.Model
---@param path string
function rnn.load(model, path) end

---Ends the run after the current step (from a callback). Also `ctx.stop(reason)`.
---@param reason? string reported as how the run ended (default "stopped by the script")
function rnn.stop(reason) end

---Pauses the live experiment (from a callback; nothing to pause in headless training). Also `ctx.pause()`.
function rnn.pause() end

---Resumes the live experiment and ends a step-through. Also `ctx.resume()`.
function rnn.resume() end

---One training step of the live experiment, then paused (from on_key or on_click). Also `ctx.step()` there.
function rnn.step() end

---Shows narration in a wrapped panel at the bottom of the view (nil clears it). Also `ctx.say(text)`.
---@param text? string at most 4000 characters
function rnn.say(text) end

---Outlines part of the unrolled network (see Context.highlight); no options clear the highlights.
---@param options? rnn.HighlightOptions
function rnn.highlight(options) end

---Starts a step-through of the latest forward pass for one unit (see Context.walk).
---@param options? rnn.WalkOptions
---@return string text
function rnn.walk(options) end

---The step-through's next step, nil after the last (see Context.walk_next).
---@return string? text
function rnn.walk_next() end

---Ends the step-through.
function rnn.walk_stop() end

---Presses a free key: on_key(ctx, key) once the current callback returns (see Context.press).
---@param key rnn.Key
function rnn.press(key) end

---Shows another of the experiment's compare variants in the live view (see Context.show_variant).
---@param name string
function rnn.show_variant(name) end

---Uses this learning rate from the next update on, instead of the schedule's (from a callback).
---Also `ctx.set_lr(lr)`.
---@param lr number > 0
function rnn.set_lr(lr) end

---Reads a text file under the script's folder or scripts/data.
---@param path string relative to the script's folder
---@return string
function rnn.read_text(path) end

---Writes a text file under the run's output folder.
---@param path string relative to the output folder
---@param text string
function rnn.write_text(path, text) end

-------------------------------------------------------------------------------------------------
-- The experiment table a script returns
-------------------------------------------------------------------------------------------------

---@class rnn.LossOptions
---@field class_weights? number[] a weight per class for the cross-entropy, in class order
---@field ignore_index? integer a negative class id to leave out of the loss (default -1)
---@field regression? "mse"|"huber" loss of the value targets (default "mse")
---@field delta? number > 0 Huber's delta (default 1)
---@field value_weight? number ≥ 0 weight of the value loss beside the class loss (default 1)

---@class rnn.SelectOptions
---@field metric? string validation metric that picks the best model: "loss" (default), "accuracy", "mae", "rmse", "precision_<class>", "recall_<class>"
---@field mode? "min"|"max" (default: "max" for accuracy, precision and recall, else "min")
---@field patience? integer stop after this many evaluations without improvement (default: never)
---@field min_delta? number ≥ 0 smallest improvement that counts (default 0)
---@field restore_best? boolean end with the best model, not the last (default true)

---@class rnn.LiveOptions
---@field ticks_per_second? number simulation speed in the window (default 48)
---@field train_every? integer ticks between training steps (default 1)
---@field replay_days? integer days of recent history the live weather loop trains on (≥ 2, default 10000)
---@field replay_ratio? integer training windows drawn at most per day of data (history included), so no day is trained on ever more often (default 32; 0: no limit)
---@field world_seed? integer seed of the live weather world (default 7)
---@field schedule? "constant"|"decay"|"restarts" the learning rate over the endless stream, from the optimizer's lr (default "decay")
---@field floor? number lowest learning rate as a fraction of the optimizer's (decay, restarts; default 0.03)
---@field half_life_days? number simulated days over which decay halves its distance to the floor (default 120)
---@field period_days? number simulated days from one restart to the next (default 365)
---@field events? rnn.LiveEvent[] changes to the world at given live days (the same every run: scores stay reproducible)

---A change to the live world at the start of live day `day` (0 = the first): an event or a new climate.
---@class rnn.LiveEvent
---@field day integer live day (0-based) the change happens at
---@field event? "storm"|"heat_wave"|"dry_spell" an event (with its options, as for ctx.world:event)
---@field climate? rnn.ClimateChange a change of climate instead
---@field intensity? number storm: 0.1–3 (default 2.5)
---@field degrees? number heat_wave: warming at its peak, °C (default 7)
---@field days? number how long the event lasts, days (storm 1.6, heat_wave 7, dry_spell 12)

---New values for the running world's climate (the others stay as they are).
---@class rnn.ClimateChange
---@field storminess? number weather systems per day, 0–4 (default climate 0.3)
---@field mean_temperature? number yearly mean, °C, −40–40 (default 11)
---@field seasonal_amplitude? number half the summer–winter difference, °C, 0–40 (default 7)
---@field noise? number scale of the persistent noise, 0–5 (default 1)

---Options of an event (ctx.world:storm{…}, :heat_wave{…}, :dry_spell{…}, :event(name, {…})).
---@class rnn.EventOptions
---@field intensity? number storm: 0.1–3 (default 2.5; 1 is an ordinary low)
---@field degrees? number heat_wave: warming at its peak, °C, 0.5–25 (default 7)
---@field days? number how long it lasts, 0.1–365 days (storm 1.6, heat_wave 7, dry_spell 12)

---The live weather world (`ctx.world` in on_day). Changes apply from the next simulated hour and
---are logged with their simulated time in live.txt and marked on the weather charts.
---@class rnn.World
local World = {}

---A storm front arrives now.
---@param options? rnn.EventOptions intensity, days
function World:storm(options) end

---A heat wave starts now.
---@param options? rnn.EventOptions degrees, days
function World:heat_wave(options) end

---A dry spell starts now: no new weather systems, no showers.
---@param options? rnn.EventOptions days
function World:dry_spell(options) end

---An event by name.
---@param name "storm"|"heat_wave"|"dry_spell"
---@param options? rnn.EventOptions
function World:event(name, options) end

---Changes the climate from the next hour on (the model is not reset: watch it adapt).
---@param climate rnn.ClimateChange at least one value
function World:set_climate(climate) end

---The climate now.
---@return {storminess: number, mean_temperature: number, seasonal_amplitude: number, noise: number}
function World:climate() end

---One variant of a comparison: the experiment with these fields replaced.
---@class rnn.Variant
---@field name string unique; the variant's outputs go to OUT/<name>/
---@field data? rnn.Dataset its own data (a lesson's other task); it then needs its own model
---@field model? rnn.Model
---@field optimizer? rnn.Optimizer
---@field schedule? rnn.Schedule
---@field clip? number gradient-norm clip; 0 turns clipping off for this variant
---@field batch? integer
---@field bptt? integer
---@field steps? integer
---@field epochs? integer
---@field seed? integer

---What an experiment script returns (or sets as the global `experiment`).
---@class rnn.Experiment
---@field name? string (default: the script's file name)
---@field data rnn.Dataset
---@field model rnn.Model
---@field optimizer? rnn.Optimizer default rnn.optim.adam{lr = 1e-3}
---@field schedule? rnn.Schedule default: the optimizer's rate throughout
---@field batch? integer samples per step (default 32)
---@field epochs? integer passes over the training data (default 10, when steps is not given either)
---@field steps? integer training steps (mini-batches) instead of epochs
---@field bptt? integer truncated backpropagation through time: update every this many steps
---@field clip? number scale gradients down to this global norm when above it
---@field clip_value? number clamp each gradient element to ±clip_value
---@field evaluate_every? integer steps between validation runs (default 0: after each epoch)
---@field checkpoint_every? integer steps between checkpoints (default 0: only at the end)
---@field seed? integer weights, dropout and shuffling (default 1)
---@field track_gradient_norms? boolean record |dL/dh_t| per time step (shown in comparisons)
---@field loss? rnn.LossOptions
---@field select? rnn.SelectOptions
---@field live? rnn.LiveOptions
---@field view? rnn.ViewOptions
---@field compare? rnn.Variant[] run these variants of the experiment one after another and compare them
---@field on_step? fun(ctx: rnn.Context) after every training step
---@field on_epoch? fun(ctx: rnn.Context) after every epoch (val_* from the latest evaluation)
---@field on_eval? fun(ctx: rnn.Context) after every validation run
---@field on_finish? fun(ctx: rnn.Context) once, after the final evaluation (test_*, baseline_*, status, message)
---@field on_draw? fun(ctx: rnn.DrawContext) before each frame of the live view: draw on ctx.canvas
---@field on_day? fun(ctx: rnn.DayContext) live weather loop: after each simulated day (scored, tomorrow forecast); ctx.world to play with
---@field on_key? fun(ctx: rnn.InputContext, key: rnn.Key) the window (or `--record --keys`): a free key was pressed
---@field on_click? fun(ctx: rnn.InputContext, target: rnn.ClickTarget) the window: a click that pressed no button

---@class rnn.TeacherForcing
---@field from? number the ratio at the first step (default 1)
---@field to number the ratio at the end of `steps`
---@field steps? integer steps of the straight line from `from` to `to` (default: the whole run)

---@class rnn.Seq2SeqVariant
---@field name string
---@field model? rnn.Seq2Seq
---@field optimizer? rnn.Optimizer
---@field schedule? rnn.Schedule
---@field clip? number 0 turns clipping off for this variant
---@field batch? integer
---@field steps? integer
---@field epochs? integer
---@field seed? integer
---@field teacher_forcing? number|rnn.TeacherForcing

---What an encoder–decoder script returns: `data` pairs and `model` rnn.nn.seq2seq{…}. Its scores on
---validation and test (val_*/test_* in callbacks, summary.json) are loss, exact, token_accuracy,
---cer, and for word-level pairs bleu and chrf.
---@class rnn.Seq2SeqExperiment
---@field name? string (default: the script's file name)
---@field data rnn.Pairs
---@field model rnn.Seq2Seq
---@field optimizer? rnn.Optimizer default rnn.optim.adam{lr = 1e-3}
---@field schedule? rnn.Schedule default: the optimizer's rate throughout
---@field batch? integer pairs per step, bucketed by source length (default 32)
---@field epochs? integer passes over the training pairs (default 10, when steps is not given either)
---@field steps? integer training steps instead of epochs
---@field clip? number scale gradients down to this global norm when above it (default 0: off)
---@field teacher_forcing? number|rnn.TeacherForcing probability of feeding the true previous token, else the model's own (scheduled sampling; default 1)
---@field evaluate_every? integer steps between validation scorings (default 0: after each epoch)
---@field beam? integer beam width of the decoding the scores use (default 1: greedy)
---@field seed? integer weights and shuffling (default 1)
---@field sample? integer|string the pair the live view decodes as training goes: an index into the test split (default 1) or a source text
---@field feed_every? integer training steps between two decodings of the sample in the live view (default 10)
---@field compare? rnn.Seq2SeqVariant[] run these variants one after another and compare them
---@field on_step? fun(ctx: rnn.Seq2SeqContext) after every training step
---@field on_epoch? fun(ctx: rnn.Seq2SeqContext) after every epoch
---@field on_eval? fun(ctx: rnn.Seq2SeqContext) after every validation scoring
---@field on_finish? fun(ctx: rnn.Seq2SeqContext) once, after the final scoring (test_*, status, message)

---The table passed to an encoder–decoder's callbacks.
---@class rnn.Seq2SeqContext
---@field step integer
---@field epoch integer
---@field loss number the last step's training loss
---@field lr number
---@field teacher_forcing number the last step's teacher-forcing ratio
---@field total_steps integer
---@field steps_per_second number
---@field model rnn.Seq2Seq the model being trained
---@field name string the experiment's name, or the variant's in a comparison
---@field stop fun(reason?: string) ends the run after the current step
---@field val_exact? number validation scores of the latest scoring (also val_loss, val_token_accuracy, val_cer, val_bleu, val_chrf)
---@field test_exact? number on_finish: test scores (also test_loss, test_token_accuracy, test_cer, …)
---@field status? "completed"|"stopped"|"cancelled"|"diverged" on_finish: how the run ended (stopped: before its planned steps)
---@field message? string on_finish: why it ended ("trained N steps"; for a stopped run "REASON at step N of M")
---@field [string] number|string|boolean|nil

---The table passed to callbacks (the same table every time, its fields updated).
---@class rnn.Context
---@field step integer training steps so far
---@field epoch integer completed epochs
---@field loss number the last step's training loss
---@field lr number the last step's learning rate
---@field grad_norm number the last step's gradient norm (before clipping)
---@field clipped boolean whether the last step's gradient was clipped
---@field total_steps integer steps the run ends at
---@field steps_per_second number
---@field model rnn.Model the model being trained
---@field name string the experiment's name, or the variant's in a comparison
---@field val_loss? number validation scores of the latest evaluation (also val_accuracy, val_mae, val_rmse, val_precision_<class>, val_recall_<class>)
---@field val_accuracy? number
---@field val_mae? number
---@field val_rmse? number
---@field test_loss? number on_finish: test scores (also test_accuracy, test_mae, test_rmse, …)
---@field test_accuracy? number
---@field test_mae? number
---@field test_rmse? number
---@field status? "completed"|"stoppedearly"|"stopped"|"cancelled"|"diverged" on_finish: how the run ended
---@field message? string on_finish: why it ended ("trained N steps"; stopped or cancelled before the planned steps: "REASON at step N of M"; diverged: what became NaN, at which step)
---@field [string] number|string|boolean|nil on_finish: baseline_<name>_<metric> (e.g. baseline_persistence_accuracy); other val_*/test_* scores
local Context = {}

---Ends the run after the current step.
---@param reason? string
function Context.stop(reason) end

---Uses this learning rate from the next update on.
---@param lr number > 0
function Context.set_lr(lr) end

---Shows narration in a wrapped panel at the bottom of the view (nil clears it). Also `rnn.say`.
---@param text? string
function Context.say(text) end

---Outlines part of the unrolled network: a unit at a step, a unit on every step (no step), or a
---layer's column at a step (no unit); replaces the highlights unless `add`. No options clear them.
---Also `rnn.highlight`. A layer, step or unit that does not exist is an error.
---@param options? rnn.HighlightOptions
function Context.highlight(options) end

---Pauses the live experiment (the window, a recording). Also `rnn.pause`.
function Context.pause() end

---Resumes it (and ends a step-through). Also `rnn.resume`.
function Context.resume() end

---Starts a step-through of the latest forward pass for one unit (pausing the experiment): the
---first step written out with the model's numbers. Also `rnn.walk`.
---@param options? rnn.WalkOptions
---@return string text the step's title and lines, one per line
function Context.walk(options) end

---The step-through's next step: forward one time step after another, then backward from the last
---to the first (|∂L/∂h_t| and the factor of each step); nil after the last. Also `rnn.walk_next`.
---@return string? text
function Context.walk_next() end

---Ends the step-through. Also `rnn.walk_stop`.
function Context.walk_stop() end

---Presses a free key: on_key(ctx, key) is called once the current callback returns. A key the
---window uses or an unknown name is an error. Also `rnn.press`.
---@param key rnn.Key
function Context.press(key) end

---Shows the compare variant `name` in the live view (the window, a recording) at once: the one
---shown is set aside with its weights, optimizer and step count, and `name` goes on where it was
---(or starts). From then on the script chooses what is shown: a finished variant stays on screen
---and no board of all variants is drawn; at the end every variant that ran writes its outputs.
---ctx.model and ctx.name follow from the next callback. A name that is not a variant (or a script
---without `compare`) is an error. Headless it only checks the name. Also `rnn.show_variant`.
---@param name string
function Context.show_variant(name) end

---@class rnn.HighlightOptions
---@field layer? integer recurrent layer, from 1 (default 1)
---@field step? integer time step, from 1 (default: every step)
---@field unit? integer hidden unit, from 1 (default: every unit of the layer)
---@field add? boolean keep the highlights already shown (default false)

---@class rnn.WalkOptions
---@field layer? integer recurrent layer, from 1 (default 1)
---@field unit? integer hidden unit whose update is written out, from 1 (default 1)

---The keys on_key receives; the window keeps space, n, t, + − [ ] c , . tab w r s escape / f h d 0–8.
---@alias rnn.Key "a"|"b"|"e"|"g"|"i"|"j"|"k"|"l"|"m"|"o"|"p"|"q"|"u"|"v"|"x"|"y"|"z"|"9"|"left"|"right"|"up"|"down"|"enter"|"backspace"|"insert"|"delete"|"pageup"|"pagedown"|"home"|"end"|"f1"|"f2"|"f3"|"f4"|"f5"|"f6"|"f7"|"f8"|"f9"|"f10"|"f11"|"f12"

---The table passed to on_key and on_click.
---@class rnn.InputContext: rnn.Context
---@field training_step integer training steps so far
---@field step fun() one training step (forward, backward through time, update), then paused; also `rnn.step`

---What a click hit. Indices are 1-based; a field that does not apply is nil.
---@class rnn.ClickTarget
---@field kind "unit"|"gate"|"input"|"output"|"weight"|"gradient"|"chart"|"panel"
---@field layer? integer recurrent layer of a unit, gate or weight (for W_y the last recurrent layer, which it reads)
---@field step? integer time step
---@field unit? integer the unit (for a weight: the unit it leads to — a hidden unit, or an output for W_y)
---@field index? integer the unit; a gate's place in the gate order; a weight's source unit; a chart point
---@field value? number what the clicked frame showed: activation, gate, input, output logit or value, weight, gradient norm, chart value
---@field name? string a gate's name, an input's or output's name, a chart series, a panel ("network", "weather", "training"); a weight's matrix ("W_ih", "W_hh", "W_y": the output Linear)
---@field recurrent? boolean for a weight: W_hh (true) or W_ih

---The table passed to on_draw.
---@class rnn.DrawContext: rnn.Context
---@field canvas rnn.Canvas what to draw on
---@field [string] number|string|boolean|nil the live view's scores (val_* while training; in the weather loop days, forecasts, accuracy, persistence_accuracy, mae, persistence_mae, and over the last 30 and 365 days accuracy_30d, brier_30d, climatology_brier_30d, mae_30d, …_365d)

---The table passed to on_day (live weather loop): the day's place in simulated time, the rolling
---scores of the forecasts over the last 30 and 365 days, and the world.
---@class rnn.DayContext: rnn.Context
---@field world rnn.World the live weather world
---@field day integer live days completed
---@field year integer simulated year (1 = the first live year)
---@field day_of_year integer 1-based day within the simulated year
---@field hour integer live hours (ticks) so far
---@field accuracy_30d number the model's rain accuracy over the last 30 days (also _365d)
---@field persistence_accuracy_30d number
---@field climatology_accuracy_30d number
---@field brier_30d number the model's Brier score for rain (lower is better)
---@field climatology_brier_30d number
---@field log_loss_30d number
---@field mae_30d number the model's MAE of the first value target
---@field persistence_mae_30d number
---@field [string] number the same over the last 365 days: accuracy_365d, brier_365d, …
