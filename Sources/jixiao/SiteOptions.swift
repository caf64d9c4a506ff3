import ArgumentParser
import Foundation

/// The options every command shares: where the site is.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: "The site folder (the one with content/ and themes/). Default: the current folder.")
    var root: String = "."

    var rootURL: URL {
        URL(fileURLWithPath: root, isDirectory: true).standardizedFileURL
    }
}
