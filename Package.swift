// swift-tools-version: 6.0
import PackageDescription

/// Grader: a batch grading pipeline for written answers.
///
/// Layout: five `C*` system-library targets, each wrapped once by a thin Swift
/// target (`PCRE2`, `LibXML2`, `Snowball`, `UTF8Proc`, `LibCrypto`) that is its only importer;
/// Grader's libraries in layers whose dependencies run one way (Foundation, Engine, Reports,
/// Moderation, Cohort, Workflows: none knows the command line); `GraderReview`, the review
/// server; and the `grader` executable over them.
let package = Package(
    name: "Grader",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "grader", targets: ["grader"]),
        .library(name: "GraderWorkflows", targets: ["GraderWorkflows"]),
        // For the fuzz package (Fuzz/), whose targets reach the engine's parsers.
        .library(name: "GraderEngine", targets: ["GraderEngine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // `grader review`'s loopback web server: no dependencies of its own (SwiftNIO-based servers add minutes to every fresh build).
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.0"),
    ],
    targets: [
        // C libraries, exposed through module maps only.
        .systemLibrary(name: "CPCRE2", pkgConfig: "libpcre2-8",
                       providers: [.apt(["libpcre2-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0",
                       providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CStemmer", providers: [.apt(["libstemmer-dev"])]),
        // utf8proc's pkg-config adds a -D flag SwiftPM rejects; its header is on the default path.
        .systemLibrary(name: "CUTF8Proc", providers: [.apt(["libutf8proc-dev"])]),
        // The system's OpenSSL libcrypto, for the rubric's SHA-256 (swift-crypto compiled all of BoringSSL for it).
        .systemLibrary(name: "CLibCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),

        // One Swift wrapper per C library: owns every pointer, throws typed errors.
        .target(name: "PCRE2", dependencies: ["CPCRE2"]),
        .target(name: "LibXML2", dependencies: ["CLibXML2"]),
        .target(name: "Snowball", dependencies: ["CStemmer"]),
        .target(name: "UTF8Proc", dependencies: ["CUTF8Proc"]),
        .target(name: "LibCrypto", dependencies: ["CLibCrypto"]),

        // Grader's own libraries, lowest first; each uses only those above it in this list, so the
        // compiler enforces the layers (docs/architecture.md draws them).
        // Diagnostics, paths, system calls and atomic files, the worker pool, statistics, and the
        // bundled schemas and stylesheets: what every layer shares.
        .target(name: "GraderFoundation", dependencies: ["LibXML2"], resources: [.copy("Resources")]),
        // The grading stages: the rubric and its matchers, ingest, normalise, profile, match, score.
        .target(
            name: "GraderEngine",
            dependencies: [
                "GraderFoundation", "PCRE2", "LibXML2", "Snowball", "UTF8Proc", "LibCrypto",
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // What a run writes: the candidate report (XML and page), the rubric page, and the output
        // kit (HTML escaping, the page shell, SVG charts, CSV) the cohort, tune and review pages use.
        .target(
            name: "GraderReports",
            dependencies: ["GraderFoundation", "GraderEngine", "LibXML2", "LibCrypto", .product(name: "CSV", package: "CSV.swift")]
        ),
        // The moderation file: people's decisions, applied to graded answers, and their statistics.
        .target(
            name: "GraderModeration",
            dependencies: ["GraderFoundation", "GraderEngine", "GraderReports", "LibXML2", .product(name: "CSV", package: "CSV.swift")]
        ),
        // The cohort report: digests on disk, statistics, ranking, similar answers, gradebooks.
        .target(
            name: "GraderCohort",
            dependencies: ["GraderFoundation", "GraderEngine", "GraderReports", "GraderModeration", "LibXML2", "Snowball", "LibCrypto",
                           .product(name: "CSV", package: "CSV.swift")]
        ),
        // Each command's work over the layers: a grading run, tune, check, try, import.
        .target(
            name: "GraderWorkflows",
            dependencies: ["GraderFoundation", "GraderEngine", "GraderReports", "GraderModeration", "GraderCohort",
                           "PCRE2", "LibXML2", "Snowball", "LibCrypto"]
        ),
        // `grader review`: the moderation web app (queue, groups, pages, security, routes) over the libraries.
        .target(
            name: "GraderReview",
            dependencies: [
                "GraderFoundation", "GraderEngine", "GraderReports", "GraderModeration", "GraderCohort", "LibXML2", "Snowball",
                .product(name: "FlyingFox", package: "FlyingFox"), .product(name: "FlyingSocks", package: "FlyingFox"),
            ]
        ),
        .executableTarget(
            name: "grader",
            dependencies: [
                "GraderFoundation", "GraderEngine", "GraderReports", "GraderModeration", "GraderCohort", "GraderWorkflows", "GraderReview",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // `make bench-pmatch`: times the pmatch matcher on long answers (release build).
        .executableTarget(name: "pmatch-bench", dependencies: ["GraderEngine"]),

        .testTarget(name: "WrapperTests", dependencies: ["PCRE2", "LibXML2", "Snowball", "UTF8Proc", "LibCrypto"]),
        .testTarget(
            name: "GraderCoreTests",
            dependencies: ["GraderFoundation", "GraderEngine", "GraderReports", "GraderModeration", "GraderCohort", "GraderWorkflows", .product(name: "CSV", package: "CSV.swift")],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "GraderReviewTests", dependencies: ["GraderReview", "GraderFoundation", "GraderEngine", "GraderReports", "GraderModeration", "GraderCohort", "GraderWorkflows", .product(name: "FlyingFox", package: "FlyingFox")]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["GraderFoundation", "GraderEngine", "GraderReports", "GraderModeration", "GraderCohort", "GraderWorkflows"],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
