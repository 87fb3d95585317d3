using System.Net;
using System.Net.Sockets;

namespace ClientReminders.Audit;

/// <summary>Client IP addresses cut to their network (IPv4 /24, IPv6 /48): enough to recognise a place, not a person's device.</summary>
public static class ClientAddress
{
    public static string? Truncate(IPAddress? address)
    {
        if (address is null)
        {
            return null;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        var bytes = address.GetAddressBytes();
        var keep = address.AddressFamily == AddressFamily.InterNetwork ? 3 : 6;
        Array.Clear(bytes, keep, bytes.Length - keep);
        return new IPAddress(bytes).ToString();
    }

    /// <summary>The same for an address already in text; anything that is not an IP address becomes null.</summary>
    public static string? Truncate(string? address) => IPAddress.TryParse(address, out var parsed) ? Truncate(parsed) : null;
}
