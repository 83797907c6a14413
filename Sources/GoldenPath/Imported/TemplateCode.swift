/// Code an imported template runs around its render: cookiecutter's `pre_gen_project` and
/// `post_gen_project` hooks, copier's `_tasks`. Rendered here, never run here: running it is the
/// caller's decision (`--trust`), and the tree it leaves is what scaffold records.
public struct TemplateCode: Sendable, Equatable {
    public enum Phase: Sendable, Equatable {
        /// In the empty project folder, before the files are written (cookiecutter's `pre_gen_project`).
        case beforeFiles
        /// In the project folder, after the files are written.
        case afterFiles
    }

    public enum Command: Sendable, Equatable {
        /// A script file's rendered text, run as cookiecutter runs hooks: a `.py` file with
        /// `python3`, anything else as an executable (its `#!` line).
        case script(fileExtension: String, text: String)
        /// A command line for `/bin/sh -c` (a copier task written as a string).
        case shell(String)
        /// A program and its arguments (a copier task written as a list).
        case arguments([String])
    }

    public var phase: Phase
    public var command: Command
    /// Relative to the project folder.
    public var workingDirectory: String
    /// Added to the environment (copier's `COPIER_OPERATION`).
    public var environment: [String: String]
    /// Where the template declares it, for messages (`hooks/post_gen_project.py`, `copier.yml _tasks[0]`).
    public var origin: String
}
