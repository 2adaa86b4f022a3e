// swift-tools-version: 6.0
import PackageDescription

/// Grader: a batch grading pipeline for written answers.
///
/// Layout: five `C*` system-library targets, each wrapped once by a thin Swift
/// target (`PCRE2`, `LibXML2`, `Snowball`, `UTF8Proc`, `LibCrypto`) that is its only importer;
/// `GraderCore`, the grading pipeline, which knows nothing of the command line;
/// and the `grader` executable over it.
let package = Package(
    name: "Grader",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "grader", targets: ["grader"]),
        .library(name: "GraderCore", targets: ["GraderCore"]),
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

        .target(
            name: "GraderCore",
            dependencies: [
                "PCRE2", "LibXML2", "Snowball", "UTF8Proc", "LibCrypto",
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: [.copy("Resources")]
        ),
        // `grader review`: the moderation web app (queue, groups, pages, security, routes) over GraderCore.
        .target(
            name: "GraderReview",
            dependencies: [
                "GraderCore", "LibXML2", "Snowball",
                .product(name: "FlyingFox", package: "FlyingFox"), .product(name: "FlyingSocks", package: "FlyingFox"),
            ]
        ),
        .executableTarget(
            name: "grader",
            dependencies: [
                "GraderCore", "GraderReview",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // `make bench-pmatch`: times the pmatch matcher on long answers (release build).
        .executableTarget(name: "pmatch-bench", dependencies: ["GraderCore"]),

        .testTarget(name: "WrapperTests", dependencies: ["PCRE2", "LibXML2", "Snowball", "UTF8Proc", "LibCrypto"]),
        .testTarget(
            name: "GraderCoreTests",
            dependencies: ["GraderCore", .product(name: "CSV", package: "CSV.swift")],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "GraderReviewTests", dependencies: ["GraderReview", "GraderCore", .product(name: "FlyingFox", package: "FlyingFox")]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["GraderCore"],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
