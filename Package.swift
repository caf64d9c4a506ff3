// swift-tools-version:6.0
import PackageDescription

// Targets are split by responsibility; data flows one way:
// load → validate → evaluate → render → write.
//   CCmark          the system libcmark (Debian libcmark-dev)
//   JixiaoMarkdown  the one wrapper over cmark used everywhere
//   JixiaoCore      the pure evaluation core: indicator tree, rules, results, totals,
//                   ranking, grades (no file or network I/O)
//   JixiaoBytes     the growable block of bytes pages, spreadsheets and CSV files are written into,
//                   and a string's UTF-8 read in place (used from the core up)
//   JixiaoTemplate  the Mustache template engine the themes are written in (pure, fast,
//                   Sendable: pages render on every core)
//   JixiaoSite      the publishing layer: load and validate content, evaluate, render, write
//   JixiaoServe     the preview server edge (jixiao serve): HTTP, file watching, live reload
//   JixiaoInterchange the spreadsheet edge: XLSX/CSV import and export
//   CJixiaoDeflate  our own DEFLATE encoder (the same bytes on every machine); CRCs by ISA-L
//                   (Debian libisal-dev) and zlib (zlib1g-dev)
//   JixiaoZIP       the ZIP writer of both edges below: XLSX files and archives
//   CJixiaoSHA256   SHA-256, with the x86 SHA extensions when the processor has them
//   JixiaoArchive   verifiable zip archives of one evaluation (jixiao archive / verify)
//   jixiao          the command-line edge (linked with tcmalloc, see its target)
let package = Package(
    name: "jixiao",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "jixiao", targets: ["jixiao"]),
        .library(name: "JixiaoCore", targets: ["JixiaoCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        .target(name: "JixiaoMarkdown", dependencies: ["CCmark"]),
        // One system call Foundation lacks: swapping the new site in atomically.
        .target(name: "CJixiaoSystem"),
        // DEFLATE that gives the same bytes on every machine (CRCs by ISA-L and zlib), for the
        // spreadsheets the site offers for download and the archives.
        .target(name: "CJixiaoDeflate", linkerSettings: [.linkedLibrary("isal"), .linkedLibrary("z")]),
        .target(name: "JixiaoZIP", dependencies: ["CJixiaoDeflate"]),
        // SHA-256 for the archives' manifests, with the x86 SHA extensions where the processor has them.
        .target(name: "CJixiaoSHA256"),
        .target(name: "JixiaoCore", dependencies: ["JixiaoBytes"]),
        .target(name: "JixiaoBytes"),
        .target(name: "JixiaoTemplate", dependencies: ["JixiaoBytes"]),
        .target(
            name: "JixiaoSite",
            dependencies: [
                "JixiaoBytes",
                "JixiaoCore",
                "JixiaoMarkdown",
                "CJixiaoSystem",
                "JixiaoTemplate",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "JixiaoServe",
            dependencies: [
                "JixiaoSite",
                "JixiaoMarkdown",
                "JixiaoCore",
                .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ]
        ),
        .target(
            name: "JixiaoInterchange",
            dependencies: [
                "JixiaoBytes",
                "JixiaoSite",
                "JixiaoCore",
                "JixiaoZIP",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .target(
            name: "JixiaoArchive",
            dependencies: [
                "JixiaoSite",
                "JixiaoCore",
                "JixiaoZIP",
                "CJixiaoSHA256",
                // For reading a zip back (jixiao verify); it is written by JixiaoZIP.
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .executableTarget(
            name: "jixiao",
            dependencies: [
                "JixiaoSite",
                "JixiaoCore",
                "JixiaoServe",
                "JixiaoInterchange",
                "JixiaoArchive",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // gperftools' thread-caching malloc (Debian libgoogle-perftools-dev) replaces
            // glibc's for the whole process: a build allocates millions of short-lived
            // values on both cores, and measured against glibc's it takes about 15% less
            // wall time and less peak memory (bench/README.md). Only the command links it;
            // the libraries and their tests keep the system allocator.
            linkerSettings: [.linkedLibrary("tcmalloc_minimal", .when(platforms: [.linux]))]
        ),
        // What several test targets share (one seeded generator), built only with the tests.
        .target(name: "JixiaoTestSupport", path: "Tests/JixiaoTestSupport"),
        .testTarget(name: "JixiaoMarkdownTests", dependencies: ["JixiaoMarkdown"]),
        .testTarget(name: "JixiaoCoreTests", dependencies: ["JixiaoCore", "JixiaoTestSupport"]),
        .testTarget(name: "JixiaoTemplateTests", dependencies: ["JixiaoTemplate", "JixiaoBytes", "JixiaoMarkdown", "JixiaoTestSupport"]),
        .testTarget(name: "JixiaoSiteTests", dependencies: ["JixiaoSite", "JixiaoBytes", "JixiaoCore", "JixiaoTemplate", "JixiaoTestSupport"]),
        .testTarget(name: "JixiaoServeTests", dependencies: ["JixiaoServe", "JixiaoSite", "JixiaoCore"]),
        .testTarget(name: "JixiaoArchiveTests", dependencies: ["JixiaoArchive", "CJixiaoSHA256", "JixiaoTestSupport", "JixiaoInterchange", "JixiaoSite", "JixiaoCore"]),
        .testTarget(name: "JixiaoInterchangeTests", dependencies: ["JixiaoInterchange", "JixiaoBytes", "JixiaoZIP", "JixiaoSite", "JixiaoCore"]),
        .testTarget(name: "JixiaoZIPTests", dependencies: ["JixiaoZIP", "JixiaoTestSupport",
                                                           .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
    ]
)
