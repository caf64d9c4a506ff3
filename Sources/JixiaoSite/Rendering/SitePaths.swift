/// Where each page of the site lives. Flat `.html` files, not `dir/index.html`
/// behind `dir/` links, because `file://` does not open a folder's index.html.
/// Every link is made relative to the page it is on.
enum SitePaths {
    static let home = "index.html"
    static let archive = "archive.html"

    static func page(_ slug: String) -> String { "\(slug).html" }
    static func overview(_ evaluation: String) -> String { "\(evaluation)/index.html" }
    static func plan(_ evaluation: String) -> String { "\(evaluation)/plan.html" }
    static func indicators(_ evaluation: String) -> String { "\(evaluation)/indicators.html" }
    static func ranking(_ evaluation: String) -> String { "\(evaluation)/ranking.html" }
    static func report(_ evaluation: String) -> String { "\(evaluation)/report.html" }
    static func unit(_ evaluation: String, _ unit: String) -> String { "\(evaluation)/units/\(unit).html" }
    static func notice(_ evaluation: String, _ notice: String) -> String { "\(evaluation)/notices/\(notice).html" }
    static func download(_ evaluation: String, _ name: String) -> String { "\(evaluation)/\(name)" }

    /// The prefix that leads from `page` back to the site root: "" or "../" repeated.
    static func root(from page: String) -> String {
        String(repeating: "../", count: page.filter { $0 == "/" }.count)
    }

    /// `target` (a site path) as a link from `page`.
    static func link(_ target: String, from page: String) -> String {
        root(from: page) + target
    }
}
