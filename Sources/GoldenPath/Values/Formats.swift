import Foundation

/// The value formats a string parameter may declare. Each check returns why a value does not
/// conform, or nil when it does.
public enum ParameterFormat: String, Sendable, CaseIterable {
    /// DNS-1035 label: a Kubernetes Service name.
    case dnsLabel = "dns-label"
    case email
    /// An absolute http or https URL with a host.
    case url
    case semver
    /// A Go module path, by the rules of golang.org/x/mod/module.CheckPath.
    case goModule = "go-module"
    /// An importable Python package name (the folder under `src/`).
    case pythonPackage = "python-package"

    public func problem(with value: String) -> String? {
        switch self {
        case .dnsLabel: return Self.dnsLabelProblem(value)
        case .email: return Self.isEmail(value) ? nil : "must be an email address like jane@example.com"
        case .url: return Self.isHTTPURL(value) ? nil : "must be an http or https URL with a host, like https://example.com/x"
        case .semver: return SemanticVersion(value) == nil ? "must be a semantic version like 1.2.3" : nil
        case .goModule: return Self.goModuleProblem(value)
        case .pythonPackage: return Self.pythonPackageProblem(value)
        }
    }

    static func dnsLabelProblem(_ s: String) -> String? {
        let rule = "must be a DNS-1035 label (lowercase letters, digits and '-', starting with a letter, ending with a letter or digit, at most 63 characters)"
        guard !s.isEmpty, s.utf8.count <= 63 else { return rule }
        let b = Array(s.utf8)
        let lower = { (c: UInt8) in c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z") }
        let digit = { (c: UInt8) in c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
        guard lower(b[0]), b.allSatisfy({ lower($0) || digit($0) || $0 == UInt8(ascii: "-") }),
              let last = b.last, lower(last) || digit(last) else { return rule }
        return nil
    }

    static func isEmail(_ s: String) -> Bool {
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64 else { return false }
        let localAllowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&'*+/=?^_`{|}~-")
        let local = parts[0]
        guard local.allSatisfy(localAllowed.contains), local.first != ".", local.last != ".", !local.contains("..") else { return false }
        return isHostname(String(parts[1]), requireDot: true)
    }

    static func isHostname(_ host: String, requireDot: Bool) -> Bool {
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        guard !host.isEmpty, host.count <= 253, !requireDot || labels.count >= 2 else { return false }
        return labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && label.first != "-" && label.last != "-"
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
    }

    static func isHTTPURL(_ s: String) -> Bool {
        guard !s.contains(where: { $0.isWhitespace }), let c = URLComponents(string: s),
              let scheme = c.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = c.host, !host.isEmpty else { return false }
        return isHostname(host, requireDot: false) || host.hasPrefix("[")
    }

    /// golang.org/x/mod/module.CheckPath: slash-separated elements of `[A-Za-z0-9-._~]`, no empty,
    /// leading-dot or trailing-dot elements; the first element is a lowercase domain-like name with a dot.
    static func goModuleProblem(_ s: String) -> String? {
        let rule = "must be a Go module path like example.com/team/service"
        let elements = s.split(separator: "/", omittingEmptySubsequences: false)
        guard let first = elements.first, !s.isEmpty else { return rule }
        let elementChars = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        for element in elements {
            guard !element.isEmpty, element.allSatisfy(elementChars.contains), element.first != ".", element.last != "." else {
                return rule + " (bad path element '\(element)')"
            }
        }
        let firstChars = Set("abcdefghijklmnopqrstuvwxyz0123456789-.")
        guard first.contains("."), first.allSatisfy(firstChars.contains), first.first != "-" else {
            return rule + " (the first element must be a lowercase domain name such as example.com)"
        }
        return nil
    }

    private static let pythonKeywords: Set<String> = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
        "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
        "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    ]

    static func pythonPackageProblem(_ s: String) -> String? {
        let rule = "must be an importable Python package name (letters, digits and '_', not starting with a digit, not a keyword), like payments_api"
        guard let first = s.first, first.isASCII, first.isLetter || first == "_",
              s.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }),
              !pythonKeywords.contains(s) else { return rule }
        return nil
    }
}
