// swift-tools-version:6.0
// scaffold: a golden-path template engine. No Swift package dependencies: the toolchain,
// plus libgit2 and libyaml from Debian through system library targets.
import PackageDescription

let package = Package(
    name: "scaffold",
    products: [
        .executable(name: "scaffold", targets: ["scaffold"]),
    ],
    targets: [
        // C libraries, found through pkg-config.
        .systemLibrary(name: "CGit2", path: "Sources/CGit2", pkgConfig: "libgit2",
                       providers: [.apt(["libgit2-dev"])]),
        .systemLibrary(name: "CYAML", path: "Sources/CYAML", pkgConfig: "yaml-0.1",
                       providers: [.apt(["libyaml-dev"])]),

        // Thin safe layers over the C libraries.
        .target(name: "GitKit", dependencies: ["CGit2"]),
        .target(name: "YAMLKit", dependencies: ["CYAML"]),

        // The Jinja2-compatible template language: knows nothing of git or golden paths.
        .target(name: "TemplateLanguage"),

        // Catalog, manifest, values and rendering to an in-memory tree.
        .target(name: "GoldenPath", dependencies: ["TemplateLanguage", "YAMLKit"]),

        // Use cases: new, preview, lint, test, diff, upgrade, fleet, status.
        .target(name: "Scaffold", dependencies: ["GoldenPath", "GitKit", "TemplateLanguage", "YAMLKit"]),

        // The command line: argument parsing and printing only, as a library so it is tested in
        // process; the executable is its entry point.
        .target(name: "ScaffoldCLI", dependencies: ["Scaffold", "GoldenPath", "GitKit"]),
        .executableTarget(name: "scaffold", dependencies: ["ScaffoldCLI"]),

        // In-process benchmarks (Benchmarks/README.md); not part of the product.
        .executableTarget(name: "scaffold-bench", dependencies: ["GoldenPath", "TemplateLanguage", "YAMLKit"],
                          path: "Benchmarks/Sources/scaffold-bench"),

        .testTarget(name: "GitKitTests", dependencies: ["GitKit"]),
        .testTarget(name: "YAMLKitTests", dependencies: ["YAMLKit"]),
        .testTarget(name: "TemplateLanguageTests", dependencies: ["TemplateLanguage"]),
        .testTarget(name: "GoldenPathTests", dependencies: ["GoldenPath"]),
        .testTarget(name: "ScaffoldTests", dependencies: ["Scaffold", "GoldenPath", "GitKit"]),
        .testTarget(name: "CLITests", dependencies: ["ScaffoldCLI"]),
    ],
    swiftLanguageModes: [.v6]
)
