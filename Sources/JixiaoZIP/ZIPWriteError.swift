/// A ZIP file or a piece of one could not be made: memory ran out, or the file
/// would need ZIP64 (more than 4 GB or 65,535 entries), which ZIPWriter does not write.
package struct ZIPWriteError: Error, CustomStringConvertible {
    package init() {}

    package var description: String { "ZIP 文件无法生成：内存不足，或超过 4 GB、65535 个文件" }
}
