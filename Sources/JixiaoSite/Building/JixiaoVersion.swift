/// This jixiao's version: what `jixiao --version` prints and what an archive's
/// manifest names as the generator that wrote it.
public enum JixiaoVersion {
    public static let current = "0.1"
}
