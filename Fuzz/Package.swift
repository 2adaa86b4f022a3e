// swift-tools-version: 6.0
import PackageDescription

/// libFuzzer targets for Grader's parsers. A separate package so that a plain
/// `swift build` of Grader never needs the fuzzer runtime; `scripts/fuzz.sh` builds
/// and runs them. Debug builds compile the engine with testing enabled, which lets
/// the targets reach the internal parsers with `@testable import`.
let fuzzerFlags: [String] = ["-sanitize=fuzzer,address", "-parse-as-library"]

let package = Package(
    name: "GraderFuzz",
    dependencies: [.package(name: "Grader", path: "..")],
    targets: [.target(name: "FuzzDriver")] + ["FuzzSubmission", "FuzzRubric", "FuzzCSV", "FuzzPMatch"].map { name in
        .executableTarget(
            name: name,
            dependencies: ["FuzzDriver", .product(name: "GraderEngine", package: "Grader")],
            swiftSettings: [.unsafeFlags(fuzzerFlags)],
            linkerSettings: [.unsafeFlags(["-sanitize=fuzzer,address", "-use-ld=lld"])]
        )
    },
    swiftLanguageModes: [.v6]
)
