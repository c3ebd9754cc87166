using RnnPlayground.Core.Data;
using RnnPlayground.Core.Simulation;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Experiment.Modules;

/// <summary>
/// <c>ctx.world</c>, the live weather world a callback may play with (from <c>on_day(ctx)</c>):
/// <c>:storm{intensity, days}</c>, <c>:heat_wave{degrees, days}</c>, <c>:dry_spell{days}</c>,
/// <c>:event(name, {…})</c> start an event at the next hour; <c>:set_climate{storminess,
/// mean_temperature, seasonal_amplitude, noise}</c> changes the climate from the next hour;
/// <c>:climate()</c> gives the climate now. Every change is logged with its simulated time.
/// </summary>
public static class WorldModule
{
    public static HandleKind<ILiveWorld> Register(LuaHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        HandleKind<ILiveWorld> kind = host.RegisterHandleKind<ILiveWorld>("World", _ => "World");
        foreach (string name in WeatherEvent.Names)
        {
            string eventName = name;
            kind.RegisterMethod(eventName, (world, call) =>
            {
                Request(world, WorldChange.Inject(WorldArguments.Event(eventName, call.OptionalOptions(1))));
                call.ReturnNil();
            });
        }
        kind.RegisterMethod("event", (world, call) =>
        {
            string name = call.String(1, "name");
            Request(world, WorldChange.Inject(WorldArguments.Event(name, call.OptionalOptions(2))));
            call.ReturnNil();
        });
        kind.RegisterMethod("set_climate", (world, call) =>
        {
            Request(world, WorldChange.SetClimate(WorldArguments.Climate(call.Options(1))));
            call.ReturnNil();
        });
        kind.RegisterMethod("climate", (world, call) =>
        {
            WeatherClimate c = world.Climate;
            call.ReturnTable(4)
                .Set("storminess", c.Storminess)
                .Set("mean_temperature", c.MeanTemperature)
                .Set("seasonal_amplitude", c.SeasonalAmplitude)
                .Set("noise", c.NoiseScale);
        });
        return kind;
    }

    private static void Request(ILiveWorld world, WorldChange change) =>
        Refusing.Arguments(() =>
        {
            world.Request(change);
            return change;
        });
}
