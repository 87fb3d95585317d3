using System.Buffers.Binary;
using System.Buffers.Text;

namespace ClientReminders.Answers;

/// <summary>
/// The signed key of a one-tap answer link: base64url of a version byte, the account's and the appointment's 16 bytes, the
/// appointment version the message announced (4 bytes) and the first 12 bytes of their HMAC, 66 characters in all, under a
/// key that outlives master-key rotations (a link in a message already sent keeps working while its appointment lasts).
/// </summary>
public sealed class AnswerTokens(KeyRing keys)
{
    private const byte Version = 1;
    private const int SignedLength = 1 + 16 + 16 + 4;
    private const int SignatureLength = 12;
    private const int Length = SignedLength + SignatureLength;

    /// <summary>Characters of a token: base64url of its bytes, unpadded.</summary>
    public const int TokenLength = (Length * 4 + 2) / 3;
    private const string Purpose = "answer-link";

    private readonly byte[] _key = keys.DeriveLastingKey(Purpose);
    private readonly byte[][] _accepted = IdPairTokens.AcceptedKeys(keys, Purpose);

    /// <summary>The token for an appointment as it stands at <paramref name="appointmentVersion"/>; null when an id is not ours.</summary>
    public string? Create(string accountId, string appointmentId, int appointmentVersion)
    {
        if (!IsId(accountId, out var account) || !IsId(appointmentId, out var appointment))
        {
            return null;
        }
        var token = new byte[Length];
        token[0] = Version;
        account.TryWriteBytes(token.AsSpan(1, 16));
        appointment.TryWriteBytes(token.AsSpan(17, 16));
        BinaryPrimitives.WriteInt32LittleEndian(token.AsSpan(33, 4), appointmentVersion);
        HMACSHA256.HashData(_key, token.AsSpan(0, SignedLength)).AsSpan(0, SignatureLength).CopyTo(token.AsSpan(SignedLength));
        return Base64Url.EncodeToString(token);
    }

    public bool TryRead(string? token, out AnswerKey key)
    {
        key = default;
        if (token is not { Length: > 0 and <= 128 } || !Base64Url.IsValid(token))
        {
            return false;
        }
        var bytes = Base64Url.DecodeFromChars(token);
        if (bytes.Length != Length || bytes[0] != Version || !IdPairTokens.SignedByAny(_accepted, bytes.AsSpan(0, SignedLength), bytes.AsSpan(SignedLength)))
        {
            return false;
        }
        key = new AnswerKey(
            new Guid(bytes.AsSpan(1, 16)).ToString("N"),
            new Guid(bytes.AsSpan(17, 16)).ToString("N"),
            BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(33, 4))
        );
        return true;
    }

    private static bool IsId(string id, out Guid value) => Guid.TryParseExact(id, "N", out value) && value.ToString("N") == id;
}

/// <summary>What an answer link names: an appointment of an account, as a message announced it.</summary>
public readonly record struct AnswerKey(string AccountId, string AppointmentId, int AppointmentVersion);
