import Locations

/// The layer a resolved value came from, lowest to highest precedence, so errors can say where
/// a bad value was written.
public enum ValueSource: Sendable, Equatable, CustomStringConvertible {
    /// The catalog's organisation-wide `platform.yaml`.
    case platform(file: String)
    /// The golden path's `spec.defaults` or a parameter's `default`.
    case goldenPathDefault
    /// Answers recorded in a service's `.scaffold.yaml` (upgrades).
    case answersFile(path: String)
    /// A `--values` file, at the value's place in it.
    case valuesFile(SourceLocation)
    /// A `--set KEY=VALUE` argument, as given.
    case set(argument: String)
    /// A positional argument that fills a parameter (`scaffold new GP NAME` fills `name`).
    case argument(label: String)
    case prompt

    public var description: String {
        switch self {
        case .platform(let file): return "from \(file)"
        case .goldenPathDefault: return "from the golden path's defaults"
        case .answersFile(let path): return "from \(path)"
        case .valuesFile(let location): return "from \(location)"
        case .set(let argument): return "from --set \(argument)"
        case .argument(let label): return "from the \(label) argument"
        case .prompt: return "from the prompt"
        }
    }

    /// True for values given on this command line (`--set`, `--values`), not recorded ones.
    var isGivenForThisRun: Bool {
        switch self {
        case .valuesFile, .set: return true
        case .platform, .goldenPathDefault, .answersFile, .argument, .prompt: return false
        }
    }

    /// True for values the user gave (recorded under `answers:` in `.scaffold.yaml`), false for defaults.
    public var isExplicit: Bool {
        switch self {
        case .platform, .goldenPathDefault: return false
        case .answersFile, .valuesFile, .set, .argument, .prompt: return true
        }
    }
}
