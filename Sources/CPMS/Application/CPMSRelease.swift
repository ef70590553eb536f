/// The cpms release this build is.
public enum CPMSRelease {
    public static let version = "0.1.0"
}
