namespace RnnPlayground.Scripting.Host.Internal;

/// <summary>
/// Lua 5.4's pattern matcher (<c>lstrlib.c</c>: <c>match</c>, <c>max_expand</c>, captures, <c>%b</c>,
/// <c>%f</c>) ported step for step, with one difference: every step of matching and backtracking
/// is counted, and every <see cref="CheckEvery"/> steps <see cref="WorkMeter"/> is asked whether the
/// script may go on. The C matcher cannot be interrupted (Lua's hooks do not run inside C
/// functions), so a pattern such as <c>('a*'):rep(18)..'b'</c> on 18 a's ran for minutes; here it is
/// stopped by the time limit and the instruction budget like any Lua loop.
/// Subjects and patterns are bytes, as in Lua; character classes are ASCII (the C locale).
/// </summary>
internal unsafe ref struct LuaPatternMatcher
{
    /// <summary>Most captures a pattern may have (LUA_MAXCAPTURES).</summary>
    public const int MaxCaptures = 32;

    /// <summary>Steps between two checks of the limits.</summary>
    public const int CheckEvery = 1 << 12;

    private const int MaxDepth = 200;  // MAXCCALLS
    private const long Unfinished = -1;
    private const long Position = -2;

    private readonly byte* _source;
    private readonly int _sourceLength;
    private readonly byte* _pattern;
    private readonly int _patternLength;
    private readonly WorkMeter _meter;
    private fixed int _captureStart[MaxCaptures];
    private fixed long _captureLength[MaxCaptures];
    private int _depth;
    private long _steps;

    public LuaPatternMatcher(byte* source, int sourceLength, byte* pattern, int patternLength, WorkMeter meter)
    {
        _source = source;
        _sourceLength = sourceLength;
        _pattern = pattern;
        _patternLength = patternLength;
        _meter = meter;
    }

    /// <summary>Captures of the last successful match (0 when the pattern has none).</summary>
    public int Level { get; private set; }

    /// <summary>Steps taken so far (for the meter's final charge).</summary>
    public readonly long Steps => _steps;

    /// <summary>Capture <paramref name="i"/>: start offset and length, or length -2 for a position capture.</summary>
    public readonly (int Start, long Length) Capture(int i) => (_captureStart[i], _captureLength[i]);

    /// <summary>
    /// Tries the pattern (from byte <paramref name="patternStart"/>, after any '^') at subject offset
    /// <paramref name="start"/>; returns the offset where the match ends, or -1.
    /// </summary>
    /// <exception cref="PatternException">The pattern is malformed, too complex, or a limit was exceeded.</exception>
    public int MatchAt(int start, int patternStart)
    {
        Level = 0;
        _depth = MaxDepth;
        return Match(start, patternStart);
    }

    private readonly byte P(int i) => i < _patternLength ? _pattern[i] : (byte)0;

    private readonly byte S(int i) => i < _sourceLength ? _source[i] : (byte)0;

    private void Step()
    {
        if ((++_steps & (CheckEvery - 1)) == 0) _meter.Charge(CheckEvery);
    }

    private int Match(int s, int p)
    {
        if (_depth-- == 0) throw new PatternException("pattern too complex");
        while (true)
        {
            Step();
            if (p == _patternLength) break;
            switch (_pattern[p])
            {
                case (byte)'(':
                    s = P(p + 1) == ')' ? StartCapture(s, p + 2, Position) : StartCapture(s, p + 1, Unfinished);
                    goto done;
                case (byte)')':
                    s = EndCapture(s, p + 1);
                    goto done;
                case (byte)'$' when p + 1 == _patternLength:
                    s = s == _sourceLength ? s : -1;
                    goto done;
                case (byte)'%' when P(p + 1) == 'b':
                    s = MatchBalance(s, p + 2);
                    if (s == -1) goto done;
                    p += 4;
                    continue;
                case (byte)'%' when P(p + 1) == 'f':
                    {
                        p += 2;
                        if (P(p) != '[') throw new PatternException("missing '[' after '%f' in pattern");
                        int ep = ClassEnd(p);
                        byte previous = s == 0 ? (byte)0 : _source[s - 1];
                        if (!MatchBracketClass(previous, p, ep - 1) && MatchBracketClass(S(s), p, ep - 1))
                        {
                            p = ep;
                            continue;
                        }
                        s = -1;
                        goto done;
                    }
                case (byte)'%' when P(p + 1) is >= (byte)'0' and <= (byte)'9':
                    s = MatchCapture(s, P(p + 1));
                    if (s == -1) goto done;
                    p += 2;
                    continue;
                default:
                    {
                        int ep = ClassEnd(p);
                        byte suffix = P(ep);
                        if (!SingleMatch(s, p, ep))
                        {
                            if (suffix is (byte)'*' or (byte)'?' or (byte)'-')
                            {
                                p = ep + 1;
                                continue;
                            }
                            s = -1;
                            goto done;
                        }
                        switch (suffix)
                        {
                            case (byte)'?':
                                {
                                    int result = Match(s + 1, ep + 1);
                                    if (result != -1)
                                    {
                                        s = result;
                                        goto done;
                                    }
                                    p = ep + 1;
                                    continue;
                                }
                            case (byte)'+':
                                s = MaxExpand(s + 1, p, ep);
                                goto done;
                            case (byte)'*':
                                s = MaxExpand(s, p, ep);
                                goto done;
                            case (byte)'-':
                                s = MinExpand(s, p, ep);
                                goto done;
                            default:
                                s++;
                                p = ep;
                                continue;
                        }
                    }
            }
        }
    done:
        _depth++;
        return s;
    }

    private int MaxExpand(int s, int p, int ep)
    {
        int i = 0;
        while (SingleMatch(s + i, p, ep))
        {
            i++;
            Step();
        }
        while (i >= 0)
        {
            int result = Match(s + i, ep + 1);
            if (result != -1) return result;
            i--;
        }
        return -1;
    }

    private int MinExpand(int s, int p, int ep)
    {
        while (true)
        {
            int result = Match(s, ep + 1);
            if (result != -1) return result;
            if (!SingleMatch(s, p, ep)) return -1;
            s++;
        }
    }

    private int StartCapture(int s, int p, long what)
    {
        int level = Level;
        if (level >= MaxCaptures) throw new PatternException("too many captures");
        _captureStart[level] = s;
        _captureLength[level] = what;
        Level = level + 1;
        int result = Match(s, p);
        if (result == -1) Level--;
        return result;
    }

    private int EndCapture(int s, int p)
    {
        int l = CaptureToClose();
        _captureLength[l] = s - _captureStart[l];
        int result = Match(s, p);
        if (result == -1) _captureLength[l] = Unfinished;
        return result;
    }

    private readonly int CaptureToClose()
    {
        for (int level = Level - 1; level >= 0; level--)
            if (_captureLength[level] == Unfinished) return level;
        throw new PatternException("invalid pattern capture");
    }

    private int MatchCapture(int s, byte digit)
    {
        int l = digit - '1';
        if (l < 0 || l >= Level || _captureLength[l] == Unfinished)
            throw new PatternException($"invalid capture index %{l + 1}");
        long length = _captureLength[l];
        if (length == Position || _sourceLength - s < length) return -1;  // as in C, where -2 is a huge size_t
        var captured = new ReadOnlySpan<byte>(_source + _captureStart[l], (int)length);
        var here = new ReadOnlySpan<byte>(_source + s, (int)length);
        _steps += length;
        return captured.SequenceEqual(here) ? s + (int)length : -1;
    }

    private int MatchBalance(int s, int p)
    {
        if (p >= _patternLength - 1) throw new PatternException("malformed pattern (missing arguments to '%b')");
        if (s >= _sourceLength || _source[s] != _pattern[p]) return -1;
        byte open = _pattern[p], close = _pattern[p + 1];
        int depth = 1;
        while (++s < _sourceLength)
        {
            Step();
            byte c = _source[s];
            if (c == close)
            {
                if (--depth == 0) return s + 1;
            }
            else if (c == open)
            {
                depth++;
            }
        }
        return -1;
    }

    private readonly int ClassEnd(int p)
    {
        byte c = _pattern[p++];
        if (c == '%')
        {
            if (p == _patternLength) throw new PatternException("malformed pattern (ends with '%')");
            return p + 1;
        }
        if (c == '[')
        {
            if (P(p) == '^') p++;
            do
            {
                if (p >= _patternLength) throw new PatternException("malformed pattern (missing ']')");
                if (_pattern[p++] == '%' && p < _patternLength) p++;
            } while (P(p) != ']');
            return p + 1;
        }
        return p;
    }

    private readonly bool SingleMatch(int s, int p, int ep)
    {
        if (s >= _sourceLength) return false;
        byte c = _source[s];
        return _pattern[p] switch
        {
            (byte)'.' => true,
            (byte)'%' => MatchClass(c, P(p + 1)),
            (byte)'[' => MatchBracketClass(c, p, ep - 1),
            _ => _pattern[p] == c,
        };
    }

    /// <summary>Whether <paramref name="c"/> is in the bracket class from '[' at <paramref name="p"/> to ']' at <paramref name="ec"/>.</summary>
    private readonly bool MatchBracketClass(byte c, int p, int ec)
    {
        bool sig = true;
        if (P(p + 1) == '^')
        {
            sig = false;
            p++;
        }
        while (++p < ec)
        {
            if (_pattern[p] == '%')
            {
                p++;
                if (MatchClass(c, P(p))) return sig;
            }
            else if (P(p + 1) == '-' && p + 2 < ec)
            {
                p += 2;
                if (_pattern[p - 2] <= c && c <= _pattern[p]) return sig;
            }
            else if (_pattern[p] == c)
            {
                return sig;
            }
        }
        return !sig;
    }

    private static bool MatchClass(byte c, byte cl)
    {
        bool result;
        switch (cl | 0x20)
        {
            case 'a': result = IsAlpha(c); break;
            case 'c': result = c < 32 || c == 127; break;
            case 'd': result = c is >= (byte)'0' and <= (byte)'9'; break;
            case 'g': result = c is > 32 and < 127; break;
            case 'l': result = c is >= (byte)'a' and <= (byte)'z'; break;
            case 'p': result = c is > 32 and < 127 && !IsAlpha(c) && c is not (>= (byte)'0' and <= (byte)'9'); break;
            case 's': result = c is (byte)' ' or (>= 9 and <= 13); break;
            case 'u': result = c is >= (byte)'A' and <= (byte)'Z'; break;
            case 'w': result = IsAlpha(c) || c is >= (byte)'0' and <= (byte)'9'; break;
            case 'x': result = c is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F'; break;
            default: return cl == c;
        }
        if (cl is >= (byte)'A' and <= (byte)'Z') result = !result;
        return result;
    }

    private static bool IsAlpha(byte c) => c is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z';
}
