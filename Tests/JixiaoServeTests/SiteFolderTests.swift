import Foundation
import Testing
@testable import JixiaoServe

/// Reading the built site from disk: nothing outside the folder can be reached.
@Suite("serve's site folder")
struct SiteFolderTests {
    /// A folder `site` with a page and a subfolder, beside a `secret.txt` it must not reveal.
    static func makeFolder() throws -> (base: URL, folder: SiteFolder) {
        let fm = FileManager.default
        let base = fm.temporaryDirectory.appendingPathComponent("jixiao-folder-\(UUID().uuidString)")
        let site = base.appendingPathComponent("site")
        try fm.createDirectory(at: site.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try Data("<p>首页</p>".utf8).write(to: site.appendingPathComponent("index.html"))
        try Data("<p>子页</p>".utf8).write(to: site.appendingPathComponent("sub/index.html"))
        try Data("TOP-SECRET".utf8).write(to: base.appendingPathComponent("secret.txt"))
        return (base, SiteFolder(url: site))
    }

    @Test("reads the files inside the folder, not folders")
    func readsInside() throws {
        let (base, folder) = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(at: base) }
        #expect(folder.read("index.html") == Data("<p>首页</p>".utf8))
        #expect(folder.read("sub/index.html") == Data("<p>子页</p>".utf8))
        #expect(folder.contains("sub/index.html"))
        #expect(!folder.contains("sub"))
        #expect(folder.read("sub") == nil)
        #expect(folder.read("missing.html") == nil)
    }

    @Test("refuses parent steps, absolute paths and symbolic links that lead outside")
    func refusesEscapes() throws {
        let (base, folder) = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(at: base) }
        let secret = base.appendingPathComponent("secret.txt").path
        let site = folder.url
        try FileManager.default.createSymbolicLink(atPath: site.appendingPathComponent("leak.txt").path,
                                                   withDestinationPath: secret)
        try FileManager.default.createSymbolicLink(atPath: site.appendingPathComponent("sub/up").path,
                                                   withDestinationPath: "../..")
        try FileManager.default.createSymbolicLink(atPath: site.appendingPathComponent("home.html").path,
                                                   withDestinationPath: "index.html")
        for path in ["../secret.txt", "sub/../../secret.txt", "./../secret.txt", secret, "/" + secret,
                     "leak.txt", "sub/up/secret.txt", "..", "", "sub/..\\..\\secret.txt"] {
            #expect(folder.read(path) == nil, "\(path)")
            #expect(!folder.contains(path), "\(path)")
        }
        // A parent step is refused even where it would stay inside.
        #expect(folder.read("sub/../index.html") == nil)
        // A link that stays inside is followed.
        #expect(folder.read("home.html") == Data("<p>首页</p>".utf8))
    }
}
