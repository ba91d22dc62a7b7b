/// The version of Herald, written into feeds' `generator`.
public enum HeraldVersion {
    public static let current = "0.1.0"
}
