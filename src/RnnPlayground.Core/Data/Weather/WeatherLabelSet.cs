namespace RnnPlayground.Core.Data;

/// <summary>Which classes a day's <see cref="WeatherKind"/> is reported as.</summary>
public enum WeatherLabelSet
{
    /// <summary>dry (sun, cloud) = 0, rain (rain, storm) = 1.</summary>
    RainOrDry,

    /// <summary>sun = 0, cloud = 1, rain (rain, storm) = 2.</summary>
    SunCloudRain,

    /// <summary>sun = 0, cloud = 1, rain = 2, storm = 3.</summary>
    SunCloudRainStorm,
}
