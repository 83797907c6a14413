import GoldenPath

/// `scaffold check`: whether a newer version of a service's golden path exists.
public enum CheckService {
    public struct Result: Sendable {
        public var service: String
        public var goldenPath: String
        public var current: SemanticVersion
        public var newest: SemanticVersion
        public var isBehind: Bool { current < newest }
    }

    public static func run(path: String, catalog: CatalogContext) throws(ScaffoldError) -> Result {
        let opened = try OpenedService(path: path, readOnly: true)
        let (catalog, head) = try catalog.serving(opened.head)
        let answers = head.answers
        _ = try catalog.versions(of: answers)
        let newest = try catalog.resolve(answers.goldenPath, version: nil)
        return Result(service: head.serviceName, goldenPath: answers.goldenPath, current: answers.version, newest: newest)
    }
}
