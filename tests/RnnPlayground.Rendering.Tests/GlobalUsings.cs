global using static RnnPlayground.Rendering.Tests.Pixels;
