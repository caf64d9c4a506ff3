import Foundation

/// What tells an incremental build, without reading them, that an evaluation's
/// results files (results.csv and results/*.md, thousands of files in a large
/// evaluation) are the ones the previous build read: each file's name, size,
/// modification and status-change times and inode, hashed.
///
/// The previous build stores the stamp with the files' digest (in
/// `.jixiao-cache/results.tsv`) only when reading them gave nothing but
/// scoring diagnostics, which its record repeats: no warning of loading,
/// checking or the privacy guard, and no self-report with a link (which the
/// link check must follow again whenever other pages change). A build that
/// finds the same stamp takes the stored digest instead of reading the files;
/// should the evaluation have to be scored after all, its files are read then
/// (see `ContentLoader.completeResults`).
///
/// Like git's index, a stamp is not stored when a file changed within the last
/// two seconds: an edit within the file system's timestamp resolution that
/// kept the size could otherwise go unseen.
struct ResultsStamp: Sendable, Equatable {
    /// The stamp, hashed, in hex.
    var hex: String
    /// Whether a file changed too recently for the stamp to be trusted next time.
    var recent: Bool

    /// What the previous build stored for one evaluation.
    struct Stored: Sendable, Equatable {
        var stamp: String
        /// The files' digest (`EvaluationContent.resultsDigest`).
        var digest: String
    }

    static let fileName = "results.tsv"
    static let format = "jixiao-results 1"

    /// The stamp of the results files in `folder` (a full path); nil when one
    /// of them is a symbolic link or cannot be examined.
    static func take(folder: String, now: Date = Date()) -> ResultsStamp? {
        var hash = StableHash()
        var recent = false
        let limit = now.timeIntervalSince1970 - 2
        func seconds(_ time: timespec) -> Double { Double(time.tv_sec) + Double(time.tv_nsec) / 1e9 }
        // A regular file's name and status, examined once by the caller.
        func add(_ name: String, _ status: stat) -> Bool {
            guard status.st_mode & S_IFMT == S_IFREG else { return false }
            hash.add(name)
            hash.add(Int(status.st_size))
            hash.add(Int(status.st_mtim.tv_sec))
            hash.add(Int(status.st_mtim.tv_nsec))
            hash.add(Int(status.st_ctim.tv_sec))
            hash.add(Int(status.st_ctim.tv_nsec))
            hash.add(Int(bitPattern: UInt(status.st_ino)))
            if seconds(status.st_mtim) >= limit || seconds(status.st_ctim) >= limit { recent = true }
            return true
        }
        let csv = "\(folder)/results.csv"
        var status = stat()
        if lstat(csv, &status) == 0 {
            guard add("results.csv", status) else { return nil }
        } else {
            hash.add("-")
        }
        let results = "\(folder)/results"
        if lstat(results, &status) == 0 {
            guard status.st_mode & S_IFMT == S_IFDIR,
                  let names = try? FileManager.default.contentsOfDirectory(atPath: results) else { return nil }
            let documents = ContentLoader.markdownNames(in: names)
            hash.add(documents.count)
            for name in documents {
                guard lstat("\(results)/\(name)", &status) == 0, add(name, status) else { return nil }
            }
        } else {
            hash.add("-")
        }
        return ResultsStamp(hex: hash.hex, recent: recent)
    }

    /// The stored stamps, if the file is there and whole: `format key`, then `slug stamp digest` lines.
    static func read(folder: URL) -> (key: String, stamps: [String: Stored])? {
        guard let text = TextFile.cacheText(folder.appendingPathComponent(fileName)) else { return nil }
        var lines = text.nonEmptyLines[...]
        guard let header = lines.popFirst()?.tabSeparatedFields, header.count == 2, header[0] == format else { return nil }
        var stamps: [String: Stored] = [:]
        for line in lines {
            let fields = line.tabSeparatedFields
            guard fields.count == 3 else { return nil }
            stamps[String(fields[0])] = Stored(stamp: String(fields[1]), digest: String(fields[2]))
        }
        return (String(header[1]), stamps)
    }

    /// The lines `read` reads back.
    static func lines(key: String, _ stamps: [String: Stored]) -> String {
        var text = "\(format)\t\(key)\n"
        for slug in stamps.keys.sorted() {
            text += "\(slug)\t\(stamps[slug]!.stamp)\t\(stamps[slug]!.digest)\n"
        }
        return text
    }
}
