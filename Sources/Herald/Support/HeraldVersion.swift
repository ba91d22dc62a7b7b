/// Herald's own version, written into feeds' `generator` and the build cache.
public enum HeraldVersion {
    public static let current = "0.1.0"
}
