namespace RnnPlayground.Core.Data;

/// <summary>How the words of a written date are cased.</summary>
public enum DateCase
{
    /// <summary>Month and weekday names in Title case ("March").</summary>
    AsWritten,

    /// <summary>Everything in lower case ("march 3rd 98").</summary>
    Lower,

    /// <summary>Everything in upper case ("3 MAR 98").</summary>
    Upper,
}
