import CodeHost
import Foundation
import Scaffold

/// The options of every command that talks to a code host (`upgrade --all` with URLs, and later
/// `status --prs`, `new --publish`): where the API is, what kind it is, where clones are cached
/// and how fast writes may go.
struct CodeHostOptions {
    static let section = "CODE HOST OPTIONS (repositories listed by URL)"
    static let apiURL = OptionSpec.value("--api-url", "URL", section: section,
                                         "The code host's API (default: from each URL, $GITHUB_API_URL, $CI_API_V4_URL)")
    static let hostKind = OptionSpec.value("--host-kind", "KIND", choices: ["github", "gitlab"], section: section,
                                           "github or gitlab, when the URL does not tell")
    static let workspace = OptionSpec.value("--workspace", "DIR", completion: .directory, section: section,
                                            "Where remote repositories are cloned (default: $XDG_CACHE_HOME/scaffold/repositories)")
    static let apiInterval = OptionSpec.value("--api-interval", "SECONDS", section: section,
                                              "Least time between two writes to one host, over all jobs (default: 1)")
    static let githubOrg = OptionSpec.value("--github-org", "ORG", section: section,
                                            "Every repository of this GitHub organisation (or user), not archived")
    static let gitlabGroup = OptionSpec.value("--gitlab-group", "GROUP", section: section,
                                              "Every project of this GitLab group and its subgroups, not archived")
    static let topic = OptionSpec.value("--topic", "TOPIC", section: section, "With --github-org or --gitlab-group: only those with this topic")

    /// The options of fleet commands (`upgrade --all`, `status`).
    static let specs = [githubOrg, gitlabGroup, topic, apiURL, hostKind, workspace, apiInterval]
    /// The options of a command that publishes one repository (`new --publish`).
    static let publishingSpecs = [apiURL, hostKind, apiInterval]

    var apiURL: String?
    var hostKind: HostedRepository.Kind?
    var workspace: String?
    var apiInterval: Double
    var githubOrg: String?
    var gitlabGroup: String?
    var topic: String?

    /// The fleet as the host lists it, when asked for.
    var discovery: HostDiscovery? {
        if let githubOrg { return HostDiscovery(kind: .github, owner: githubOrg, topic: topic) }
        if let gitlabGroup { return HostDiscovery(kind: .gitlab, owner: gitlabGroup, topic: topic) }
        return nil
    }

    /// The rules between these options, for the command's `validate()`.
    func validate(in command: String) throws(CLIError) {
        let usage = { (message: String) in CLIError.usage(message, command: "\(CommandTable.programName) \(command)") }
        if githubOrg != nil && gitlabGroup != nil { throw usage("--github-org and --gitlab-group exclude each other") }
        if topic != nil && discovery == nil { throw usage("--topic needs --github-org or --gitlab-group") }
    }

    /// `fleet`: the command works on many repositories (reads the discovery and workspace options).
    init(_ arguments: inout ArgumentReader, command: String, fleet: Bool = true) throws(CLIError) {
        apiURL = arguments.value(Self.apiURL)
        hostKind = arguments.value(Self.hostKind).flatMap(HostedRepository.Kind.init(rawValue:))
        workspace = fleet ? arguments.value(Self.workspace) : nil
        if fleet {
            githubOrg = arguments.value(Self.githubOrg)
            gitlabGroup = arguments.value(Self.gitlabGroup)
            topic = arguments.value(Self.topic)
        }
        let interval = arguments.value(Self.apiInterval)
        if let interval {
            guard let seconds = Double(interval), seconds >= 0, seconds.isFinite else {
                throw CLIError.usage("invalid value '\(interval)' for '--api-interval': expected seconds, 0 or more",
                                     command: "\(CommandTable.programName) \(command)")
            }
            apiInterval = seconds
        } else {
            apiInterval = 1
        }
    }

    /// The remote settings of a run; the environment gives tokens and CI's API URLs.
    func remote(environment: [String: String], openPullRequests: Bool = false,
                pullRequests: PullRequestOptions = PullRequestOptions()) -> RemoteOptions {
        RemoteOptions(workspace: Workspace.standard(workspace, environment: environment), apiURL: apiURL, hostKind: hostKind,
                      openPullRequests: openPullRequests, pullRequests: pullRequests, pacer: Pacer(interval: apiInterval),
                      environment: environment)
    }
}
