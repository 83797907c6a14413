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
        // C libraries. libgit2 is linked statically (see CGit2Runtime), so its headers come from
        // /usr/include and not through pkg-config, whose flags would link the shared library.
        .systemLibrary(name: "CGit2", path: "Sources/CGit2", providers: [.apt(["libgit2-dev"])]),
        .systemLibrary(name: "CYAML", path: "Sources/CYAML", pkgConfig: "yaml-0.1",
                       providers: [.apt(["libyaml-dev"])]),

        // libcurl, loaded on first use rather than linked (only code-host commands need it);
        // built against libcurl4-openssl-dev's headers.
        .target(name: "CCurl"),

        // libgit2's initialisation with the CA bundle's load deferred to the first TLS connection.
        // It also writes new objects as one pack, deflated with zlib (libgit2's own dependency).
        //
        // libgit2 and the libraries it needs are linked from Debian's static archives (libgit2-dev
        // and the -dev packages it depends on): the shared libgit2 brings OpenSSL's libcrypto
        // (through libssh2), bound at load, which cost every scaffold process 3.9 ms before main
        // (a C program that only links libgit2: 5.4 ms against 1.5 ms static). GSSAPI stays a
        // shared library (Kerberos has no static archive in Debian). --wrap lets runtime.c put
        // off the start-up work of mbedTLS and libssh2 to the first connection.
        .target(name: "CGit2Runtime", dependencies: ["CGit2"], linkerSettings: [
            .unsafeFlags(["-Xlinker", "-l:libgit2.a", "-Xlinker", "-l:libmbedtls.a", "-Xlinker", "-l:libmbedx509.a",
                          "-Xlinker", "-l:libmbedcrypto.a", "-Xlinker", "-l:libhttp_parser.a", "-Xlinker", "-l:libssh2.a",
                          "-Xlinker", "-l:libcrypto.a", "-Xlinker", "-l:libpcre2-8.a",
                          "-Xlinker", "-l:libgssapi_krb5.so.2"]
                         + ["mbedtls_x509_crt_parse_file", "mbedtls_entropy_init", "mbedtls_ctr_drbg_seed", "libssh2_init"]
                            .flatMap { ["-Xlinker", "--wrap=" + $0] }),
            .linkedLibrary("z"), .linkedLibrary("dl"), .linkedLibrary("pthread"), .linkedLibrary("rt"),
        ]),

        // Where a problem is (file, line, column) and its caret excerpt: the one location type
        // every module's errors carry.
        .target(name: "Locations"),

        // Thin safe layers over the C libraries.
        .target(name: "GitKit", dependencies: ["CGit2", "CGit2Runtime"]),
        .target(name: "YAMLKit", dependencies: ["CYAML", "Locations"]),

        // The Jinja2-compatible template language: knows nothing of git or golden paths.
        .target(name: "TemplateLanguage", dependencies: ["Locations"]),

        // Catalog, manifest, values and rendering to an in-memory tree.
        .target(name: "GoldenPath", dependencies: ["Locations", "TemplateLanguage", "YAMLKit"]),

        // GitHub's and GitLab's REST APIs over libcurl: pull requests, pacing, retries.
        .target(name: "CodeHost", dependencies: ["CCurl"]),

        // Use cases: new, preview, lint, test, diff, upgrade, fleet, status.
        .target(name: "Scaffold", dependencies: ["CodeHost", "GoldenPath", "GitKit", "Locations", "TemplateLanguage", "YAMLKit"]),

        // The command line: argument parsing and printing only, as a library so it is tested in
        // process; the executable is its entry point.
        .target(name: "ScaffoldCLI", dependencies: ["Scaffold", "CodeHost", "GoldenPath", "GitKit", "Locations", "TemplateLanguage", "YAMLKit"]),
        .executableTarget(name: "scaffold", dependencies: ["ScaffoldCLI"]),

        // In-process benchmarks (Benchmarks/README.md); not part of the product.
        .executableTarget(name: "scaffold-bench", dependencies: ["GoldenPath", "TemplateLanguage", "YAMLKit"],
                          path: "Benchmarks/Sources/scaffold-bench"),

        // The seeded mutation fuzzer of the template language and the YAML decoder (make test).
        .executableTarget(name: "scaffold-fuzz", dependencies: ["TemplateLanguage", "YAMLKit", "TestSupport"],
                          path: "Tests/Fuzz/scaffold-fuzz"),

        // What every test target shares: isolation from the developer's git configuration, the
        // git CLI as oracle, and a child-process runner.
        .target(name: "TestSupport", dependencies: ["GitKit", "CodeHost"], path: "Tests/TestSupport"),

        .testTarget(name: "GitKitTests", dependencies: ["GitKit", "TestSupport"]),
        .testTarget(name: "CodeHostTests", dependencies: ["CodeHost", "TestSupport"]),
        .testTarget(name: "YAMLKitTests", dependencies: ["YAMLKit", "Locations", "TestSupport"]),
        .testTarget(name: "TemplateLanguageTests", dependencies: ["TemplateLanguage", "Locations"]),
        .testTarget(name: "GoldenPathTests", dependencies: ["GoldenPath", "Locations", "TemplateLanguage"]),
        .testTarget(name: "ScaffoldTests", dependencies: ["Scaffold", "GoldenPath", "GitKit", "Locations", "TemplateLanguage", "YAMLKit", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["ScaffoldCLI", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
