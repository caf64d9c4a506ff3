import Foundation

/// Reads an open file to its end with plain system calls, for content files and
/// for the preview server's answers alike.
public enum DescriptorReading {
    /// Every byte from `descriptor`, read to the end rather than trusting `size`
    /// (what fstat said): a file being saved may grow. nil on a read error, or
    /// once more than `limit` bytes were read.
    public static func readToEnd(_ descriptor: Int32, size: Int, limit: Int = .max) -> Data? {
        var data = Data(count: size + 1)
        var filled = 0
        while true {
            if filled == data.count { data.count += max(4096, data.count) }
            let read = data.withUnsafeMutableBytes { buffer in
                Foundation.read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
            }
            if read < 0 && errno == EINTR { continue }
            guard read >= 0 else { return nil }
            if read == 0 { break }
            filled += read
            guard filled <= limit else { return nil }
        }
        data.count = filled
        return data
    }
}
