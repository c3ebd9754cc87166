using System.Runtime.InteropServices;
using RnnPlayground.Scripting.Host.Internal;
using RnnPlayground.Scripting.Host.Native;

namespace RnnPlayground.Scripting.Host;

// The string library's pattern functions run on LuaPatternMatcher, which charges its work to the
// running call's limits: Lua's own matcher runs in C, where no hook can stop it. These three
// natives are the prelude's building blocks for string.find, match, gmatch and gsub; the prelude
// checks and converts the arguments. Each returns `true, results...` or `false, message`.
public sealed unsafe partial class LuaHost
{
    private static readonly IntPtr PatternFindPointer = (IntPtr)(delegate* unmanaged[Cdecl]<IntPtr, int>)&PatternFind;
    private static readonly IntPtr PatternMatchPointer = (IntPtr)(delegate* unmanaged[Cdecl]<IntPtr, int>)&PatternMatch;
    private static readonly IntPtr PatternScanPointer = (IntPtr)(delegate* unmanaged[Cdecl]<IntPtr, int>)&PatternScan;

    private static readonly byte[] PatternSpecials = "^$*+?.([%-"u8.ToArray();

    private enum PatternMode
    {
        /// <summary><c>find(s, p, init, plain)</c>: start, end (1-based), captures.</summary>
        Find,

        /// <summary><c>match(s, p, init)</c>: the captures, or the whole match.</summary>
        Match,

        /// <summary>
        /// <c>scan(s, p, offset, last, anchored)</c> for gmatch and gsub: the first match at or after
        /// byte <c>offset</c> that does not end at <c>last</c>; its 0-based start and end, whether a
        /// capture is left open (then nothing more), then the captures or the whole match. Nothing
        /// when there is none.
        /// </summary>
        Scan,
    }

    private void RegisterPatternNatives(IntPtr l, int nativeTable)
    {
        foreach ((string name, IntPtr function) in new[] { ("pattern_find", PatternFindPointer), ("pattern_match", PatternMatchPointer), ("pattern_scan", PatternScanPointer) })
        {
            PushKey(l, name);
            LuaApi.PushCClosure(l, function, 0);
            LuaApi.RawSet(l, nativeTable);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(System.Runtime.CompilerServices.CallConvCdecl)])]
    private static int PatternFind(IntPtr l) => RunPattern(l, PatternMode.Find);

    [UnmanagedCallersOnly(CallConvs = [typeof(System.Runtime.CompilerServices.CallConvCdecl)])]
    private static int PatternMatch(IntPtr l) => RunPattern(l, PatternMode.Match);

    [UnmanagedCallersOnly(CallConvs = [typeof(System.Runtime.CompilerServices.CallConvCdecl)])]
    private static int PatternScan(IntPtr l) => RunPattern(l, PatternMode.Scan);

    private static int RunPattern(IntPtr l, PatternMode mode)
    {
        HostCounters* counters = CountersOf(l);
        int savedRefusal = counters->RefusalAllowed;
        counters->RefusalAllowed = 0;
        try
        {
            return MatchPattern(l, mode, new WorkMeter(counters));
        }
        catch (PatternException e)
        {
            return PushFailure(l, e.Message);
        }
        catch (ScriptLimitException e)
        {
            return PushFailure(l, HostOf(counters)?._limitMessages[(int)e.Limit] ?? "script exceeded a limit");
        }
        catch
        {
            return PushFailure(l, "internal error in the host");
        }
        finally
        {
            counters->RefusalAllowed = savedRefusal;
        }
    }

    private static int MatchPattern(IntPtr l, PatternMode mode, WorkMeter meter)
    {
        nuint subjectLength = 0, patternLength = 0;
        byte* s = LuaApi.Type(l, 1) == LuaApi.TypeString ? LuaApi.ToLString(l, 1, &subjectLength) : null;
        byte* p = LuaApi.Type(l, 2) == LuaApi.TypeString ? LuaApi.ToLString(l, 2, &patternLength) : null;
        if (s == null || p == null) return PushFailure(l, "expected a string and a pattern");
        if (subjectLength > int.MaxValue - 2 || patternLength > int.MaxValue - 2) return PushFailure(l, "the string is too long for pattern matching");
        int ls = (int)subjectLength, lp = (int)patternLength;
        if (LuaApi.CheckStack(l, LuaPatternMatcher.MaxCaptures + 4) == 0) return PushFailure(l, "the Lua stack is full");

        long start;
        int last = -1;
        bool anchored;
        int patternStart = 0;
        if (mode == PatternMode.Scan)
        {
            start = LuaApi.ToInteger(l, 3);
            last = (int)Math.Clamp(LuaApi.ToInteger(l, 4), -1, int.MaxValue);
            anchored = LuaApi.ToBoolean(l, 5) != 0;
        }
        else
        {
            long init = LuaApi.Type(l, 3) == LuaApi.TypeNumber ? LuaApi.ToInteger(l, 3) : 1;
            start = (init > 0 ? init : init == 0 || init < -(long)ls ? 1 : ls + init + 1) - 1;
            anchored = lp > 0 && p[0] == '^';
            if (anchored) patternStart = 1;
        }
        if (start < 0 || start > ls) return PushNoMatch(l, mode);

        var subject = new ReadOnlySpan<byte>(s, ls);
        var pattern = new ReadOnlySpan<byte>(p, lp);
        if (mode == PatternMode.Find && (LuaApi.ToBoolean(l, 4) != 0 || pattern.IndexOfAny(PatternSpecials) < 0))
        {
            meter.Charge((ls - start) / 16 + 1);
            int found = subject[(int)start..].IndexOf(pattern);
            if (found < 0) return PushNoMatch(l, mode);
            LuaApi.PushBoolean(l, 1);
            LuaApi.PushInteger(l, start + found + 1);
            LuaApi.PushInteger(l, start + found + lp);
            return 3;
        }

        var matcher = new LuaPatternMatcher(s, ls, p, lp, meter);
        for (int from = (int)start; ; from++)
        {
            int end = matcher.MatchAt(from, patternStart);
            if (end != -1 && (mode != PatternMode.Scan || end != last))
            {
                meter.Charge(matcher.Steps % LuaPatternMatcher.CheckEvery);
                LuaApi.PushBoolean(l, 1);
                int results = 1;
                if (mode == PatternMode.Find)
                {
                    LuaApi.PushInteger(l, from + 1);
                    LuaApi.PushInteger(l, end);
                    results += 2;
                }
                else if (mode == PatternMode.Scan)
                {
                    LuaApi.PushInteger(l, from);
                    LuaApi.PushInteger(l, end);
                    // As in Lua, an unclosed capture is an error only where a capture is used.
                    bool unfinished = HasUnfinishedCapture(ref matcher);
                    LuaApi.PushBoolean(l, unfinished ? 1 : 0);
                    if (unfinished) return results + 3;
                    results += 3;
                }
                return results + PushCaptures(l, ref matcher, s, from, end, wholeWhenNone: mode != PatternMode.Find);
            }
            if (anchored || from >= ls) break;
        }
        meter.Charge(matcher.Steps % LuaPatternMatcher.CheckEvery);
        return PushNoMatch(l, mode);
    }

    private static int PushCaptures(IntPtr l, ref LuaPatternMatcher matcher, byte* s, int start, int end, bool wholeWhenNone)
    {
        int count = matcher.Level == 0 && wholeWhenNone ? 1 : matcher.Level;
        for (int i = 0; i < count; i++)
        {
            if (i >= matcher.Level)
            {
                LuaApi.PushLString(l, s + start, (nuint)(end - start));
                continue;
            }
            (int captureStart, long length) = matcher.Capture(i);
            if (length == -2) LuaApi.PushInteger(l, captureStart + 1);
            else if (length == -1) throw new PatternException("unfinished capture");
            else LuaApi.PushLString(l, s + captureStart, (nuint)length);
        }
        return count;
    }

    private static bool HasUnfinishedCapture(ref LuaPatternMatcher matcher)
    {
        for (int i = 0; i < matcher.Level; i++)
            if (matcher.Capture(i).Length == -1) return true;
        return false;
    }

    private static int PushNoMatch(IntPtr l, PatternMode mode)
    {
        LuaApi.PushBoolean(l, 1);
        if (mode == PatternMode.Scan) return 1;
        LuaApi.PushNil(l);
        return 2;
    }
}
