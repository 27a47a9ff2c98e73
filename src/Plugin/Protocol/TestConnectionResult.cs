using CqSourceS3.Client.Storage;
using CqSourceS3.Protocol.Plugin.V3;

namespace CqSourceS3.Plugin.Protocol;

/// <summary>Maps the outcome of a connection check to TestConnection's success flag and failure code.</summary>
internal static class TestConnectionResult
{
    public const string InvalidSpec = "INVALID_SPEC";

    public static TestConnection.Types.Response Success() => new() { Success = true };

    public static TestConnection.Types.Response Failure(string code, string description) =>
        new() { Success = false, FailureCode = code, FailureDescription = description };

    /// <summary>CloudQuery has no registry of codes; these are the ones its own plugins use.</summary>
    public static string CodeOf(StoreFailure failure) => failure switch
    {
        StoreFailure.BucketNotFound => "NOT_FOUND",
        StoreFailure.AccessDenied => "ACCESS_DENIED",
        StoreFailure.Unreachable => "UNREACHABLE",
        StoreFailure.ObjectNotFound => "NOT_FOUND",
        _ => "CONNECTION_FAILED",
    };
}
