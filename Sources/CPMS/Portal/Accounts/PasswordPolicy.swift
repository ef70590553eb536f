import Foundation

/// What a portal password must be.
public enum PasswordPolicy {
    public static let minimumLength = 12
    /// bcrypt reads at most 72 bytes; a longer password would be cut silently.
    public static let maximumBytes = 72

    /// Why `password` is refused, nil when it is acceptable.
    public static func problem(in password: String) -> String? {
        if password.count < minimumLength { return "a password has at least \(minimumLength) characters" }
        if password.utf8.count > maximumBytes { return "a password has at most \(maximumBytes) bytes" }
        if password.trimmingCharacters(in: .whitespacesAndNewlines).count != password.count { return "a password neither starts nor ends with white space" }
        return nil
    }
}
