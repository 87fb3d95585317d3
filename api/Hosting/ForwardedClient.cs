using System.Net;
using System.Net.Sockets;

namespace ClientReminders.Hosting;

/// <summary>
/// The visitor's address when the app sits behind proxies, as in Azure: the Functions host forwards every request from
/// loopback, after App Service's front end (and, through the web app's /api, Static Web Apps) appended the address each saw to
/// <c>X-Forwarded-For</c>. Only a request from loopback or a private network (a proxy of ours) has its header read, and then
/// from the right: internal hops are skipped and the first public address is the visitor, so whatever a client wrote into the
/// header itself (to the left) is never believed. Every later reader of <c>Connection.RemoteIpAddress</c> (rate limits,
/// audit entries, the loopback-only dev tools) sees that address.
/// </summary>
public static class ForwardedClient
{
    public const string Header = "X-Forwarded-For";

    public static IApplicationBuilder UseForwardedClient(this IApplicationBuilder app) =>
        app.Use(
            (context, next) =>
            {
                if (ClientOf(context.Connection.RemoteIpAddress, context.Request.Headers[Header]) is { } client)
                {
                    context.Connection.RemoteIpAddress = client;
                }
                return next(context);
            }
        );

    /// <summary>The visitor behind <paramref name="peer"/>, or the peer itself when it is no proxy of ours or names no one.</summary>
    public static IPAddress? ClientOf(IPAddress? peer, IEnumerable<string?> forwardedFor)
    {
        if (peer is null || !IsInternal(peer))
        {
            return peer;
        }
        var hops = forwardedFor.SelectMany(value => (value ?? "").Split(',')).Select(Parse).ToList();
        for (var i = hops.Count - 1; i >= 0; i--)
        {
            if (hops[i] is not { } hop)
            {
                // Unreadable from here on: what lies further left cannot be trusted either.
                return peer;
            }
            if (!IsInternal(hop))
            {
                return hop;
            }
        }
        return peer;
    }

    /// <summary>An address as proxies write it: "203.0.113.7", "203.0.113.7:51234", "2001:db8::1" or "[2001:db8::1]:443".</summary>
    public static IPAddress? Parse(string? hop)
    {
        var text = hop?.Trim() ?? "";
        if (text.StartsWith('[') && text.IndexOf(']') is var close and > 0)
        {
            text = text[1..close];
        }
        else if (text.Count(c => c == ':') == 1)
        {
            text = text[..text.IndexOf(':')];
        }
        return IPAddress.TryParse(text, out var address) ? Unmapped(address) : null;
    }

    /// <summary>Loopback and the private, shared and link-local ranges: where our own proxies talk from, never a visitor on the internet.</summary>
    public static bool IsInternal(IPAddress address)
    {
        address = Unmapped(address);
        if (IPAddress.IsLoopback(address))
        {
            return true;
        }
        var bytes = address.GetAddressBytes();
        return address.AddressFamily == AddressFamily.InterNetwork
            ? bytes[0] == 10
                || bytes[0] == 172 && (bytes[1] & 0xF0) == 16
                || bytes[0] == 192 && bytes[1] == 168
                || bytes[0] == 100 && (bytes[1] & 0xC0) == 64
                || bytes[0] == 169 && bytes[1] == 254
            : (bytes[0] & 0xFE) == 0xFC || bytes[0] == 0xFE && (bytes[1] & 0xC0) == 0x80;
    }

    /// <summary>The partition of the per-IP limits: the IPv4 address, or the IPv6 /64 (one subscriber's whole network, which rotates freely within it).</summary>
    public static string RateLimitKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }
        address = Unmapped(address);
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private static IPAddress Unmapped(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
