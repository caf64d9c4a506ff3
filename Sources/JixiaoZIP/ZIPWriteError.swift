/// A ZIP file or a piece of one could not be made: memory ran out (or a file
/// name is longer than ZIP allows, 65,535 bytes).
package struct ZIPWriteError: Error, CustomStringConvertible {
    package init() {}

    package var description: String { "ZIP 文件无法生成：内存不足，或文件名过长" }
}
