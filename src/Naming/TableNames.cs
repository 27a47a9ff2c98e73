namespace CqSourceS3.Naming;

/// <summary>Maps object keys to CloudQuery table names.</summary>
public static class TableNames
{
}
