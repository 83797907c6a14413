import Scaffold

/// The fleet an authoring command checks a golden path against (`lint --allow-edit`, `test`):
/// `--fleet ROOT...` or `--repos FILE`, one or the other. Each command gives its own options,
/// whose help says what the fleet is for there.
struct AuthoredFleet {
    let fleetOption: OptionSpec
    let reposOption: OptionSpec
    var roots: [String]
    var reposFile: String?

    init(_ arguments: inout ArgumentReader, fleet: OptionSpec, repos: OptionSpec) {
        fleetOption = fleet
        reposOption = repos
        roots = arguments.values(fleet)
        reposFile = arguments.value(repos)
    }

    /// The option given, when one is.
    var given: OptionSpec? { !roots.isEmpty ? fleetOption : reposFile != nil ? reposOption : nil }

    /// `usageError`: the command's own (`Self.usageError`), so the message names the command.
    func validate(_ usageError: (String) -> CLIError) throws(CLIError) {
        if !roots.isEmpty && reposFile != nil {
            throw usageError("give either \(fleetOption.name) ROOT or \(reposOption.name) FILE, not both")
        }
    }

    /// The services, when a fleet was given.
    func locations() throws(ScaffoldError) -> [ServiceLocation]? {
        given == nil ? nil : try FleetSelection(roots: roots, reposFile: reposFile).locations()
    }
}
