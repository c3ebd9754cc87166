namespace RnnPlayground.Core.Checkpoints;

/// <summary>What <see cref="SafeTensorsFile.Read"/> found in a file.</summary>
/// <param name="Tensors">Every tensor by name.</param>
/// <param name="Metadata">The <c>__metadata__</c> strings (the checksum among them when present).</param>
/// <param name="Verified">
/// The file carried our SHA-256 over its header and data and it matched. False for files written
/// elsewhere (a PyTorch <c>save_file</c>), which nothing vouches for.
/// </param>
public sealed record SafeTensorsContents(IReadOnlyDictionary<string, SafeTensor> Tensors, IReadOnlyDictionary<string, string> Metadata, bool Verified);
