using System.Net;
using System.Net.Sockets;

namespace ClientReminders.Calendars.Ics;

/// <summary>Feed addresses are secrets (the path holds the private token): only their masked form may be shown or logged.</summary>
public static class IcsFeedAddress
{
    /// <summary>Scheme and host only: "https://calendar.google.com/…".</summary>
    public static string Mask(string? address) =>
        Uri.TryCreate(address?.Trim(), UriKind.Absolute, out var uri) && uri.Host.Length > 0 ? $"{uri.Scheme}://{uri.Host}/…" : "(not a web address)";

    /// <summary>The https address to fetch: webcal:// (as iCloud and others publish) is https://; null when it is not a web address.</summary>
    public static Uri? Normalize(string? address)
    {
        if (!Uri.TryCreate(address?.Trim(), UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            return null;
        }
        if (uri.Scheme.Equals("webcal", StringComparison.OrdinalIgnoreCase) || uri.Scheme.Equals("webcals", StringComparison.OrdinalIgnoreCase))
        {
            var https = new UriBuilder(uri) { Scheme = Uri.UriSchemeHttps, Port = uri.IsDefaultPort || uri.Port == 80 ? -1 : uri.Port };
            return https.Uri;
        }
        return uri;
    }
}

/// <summary>Which IP addresses a feed may be fetched from: public unicast only, never loopback, private, link-local, shared or multicast ranges.</summary>
public static class PublicAddresses
{
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return IsPublicV4(address.MapToIPv4());
        }
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => IsPublicV4(address),
            AddressFamily.InterNetworkV6 => IsPublicV6(address),
            _ => false,
        };
    }

    private static bool IsPublicV4(IPAddress address)
    {
        var b = address.GetAddressBytes();
        return !(
            b[0] == 0 // 0.0.0.0/8 "this network"
            || b[0] == 10 // 10/8 private
            || (b[0] == 100 && (b[1] & 0xC0) == 64) // 100.64/10 carrier-grade NAT
            || b[0] == 127 // loopback
            || (b[0] == 169 && b[1] == 254) // link-local (cloud metadata lives here)
            || (b[0] == 172 && (b[1] & 0xF0) == 16) // 172.16/12 private
            || (b[0] == 192 && b[1] == 0 && b[2] is 0 or 2) // IETF protocol assignments, documentation
            || (b[0] == 192 && b[1] == 168) // 192.168/16 private
            || (b[0] == 198 && (b[1] & 0xFE) == 18) // benchmarking
            || (b[0] == 198 && b[1] == 51 && b[2] == 100) // documentation
            || (b[0] == 203 && b[1] == 0 && b[2] == 113) // documentation
            || b[0] >= 224
        ); // multicast, reserved, broadcast
    }

    /// <summary>
    /// Public IPv6 is global unicast (2000::/3) outside the IANA special-purpose ranges in it; everything else (loopback,
    /// unspecified, IPv4-compatible and IPv4-translated ::ffff:0:0:0/96, local-use NAT64 64:ff9b:1::/48, discard 100::/64,
    /// SRv6 5f00::/16, unique local, link-local, multicast) is not. Addresses that carry an IPv4 address (NAT64's 64:ff9b::/96,
    /// 6to4's 2002::/16) are judged by the IPv4 address they carry.
    /// </summary>
    private static bool IsPublicV6(IPAddress address)
    {
        var b = address.GetAddressBytes();
        if (b.AsSpan(0, 12).SequenceEqual((ReadOnlySpan<byte>)[0, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0]))
        {
            return IsPublicV4(new IPAddress(b[12..])); // 64:ff9b::/96 NAT64
        }
        if ((b[0] & 0xE0) != 0x20)
        {
            return false; // outside 2000::/3
        }
        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return IsPublicV4(new IPAddress(b[2..6])); // 2002::/16 6to4
        }
        return !(
            (b[0] == 0x20 && b[1] == 0x01 && (b[2] & 0xFE) == 0) // 2001::/23 IETF protocol assignments: Teredo, benchmarking, ORCHID…
            || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8) // 2001:db8::/32 documentation
            || (b[0] == 0x3F && b[1] == 0xFF && (b[2] & 0xF0) == 0) // 3fff::/20 documentation
        );
    }
}
