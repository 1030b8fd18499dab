namespace LiftWing.Core.Errors;

/// <summary>The request is malformed or violates a limit: 400 (KServe <c>InvalidInput</c>).</summary>
public class InvalidInputException(string message, int statusCode = 400)
    : LiftWingException(statusCode, message);
