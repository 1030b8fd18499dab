namespace LiftWing.Tests.Common.Events;

/// <summary>How the fake EventGate answers a POST.</summary>
public enum EventGateMode
{
    /// <summary>Validate; accept valid events (201, or 207/400 when some are invalid), as EventGate does.</summary>
    Accept,

    /// <summary>Validate; every second valid event fails to produce (an <c>error</c> EventStatus): 207, or 500 when none was accepted.</summary>
    PartialErrors,

    /// <summary>500 with no body (EventGate or its proxy down).</summary>
    ServerError,

    /// <summary>Read the request and never answer (the client's timeout must fire).</summary>
    Hang,
}
