/// The version `scaffold --version` prints. Bumped by hand when a release is cut.
enum ScaffoldVersion {
    static let current = "0.1.0"
}
