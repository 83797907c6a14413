import Foundation
import GoldenPath
import Locations
import TemplateLanguage
import YAMLKit

/// `scaffold render`: one template file (or stdin) rendered with values from files and `--set`,
/// with no golden path around it. Values are free-form here: files merge deeply, later ones win,
/// and `--set a.b=3` sets nested keys with the value read as a YAML scalar.
public enum RenderTemplate {
    /// Renders `template` (a path, or `-` for standard input) and returns the output bytes.
    public static func run(template: String, values: ValueArguments, options: TemplateOptions) throws(ScaffoldError) -> [UInt8] {
        let source: String
        let name: String
        let folder: String
        if template == "-" {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            guard let text = String(data: data, encoding: .utf8) else {
                throw ScaffoldError(location: SourceLocation.firstInvalidUTF8(in: data, file: "<stdin>") ?? SourceLocation(file: "<stdin>"),
                                    message: "input is not UTF-8 text")
            }
            (source, name, folder) = (text, "<stdin>", FileManager.default.currentDirectoryPath)
        } else {
            source = try mapErrors { try Catalog.readText(template) }
            (name, folder) = (template, (NewService.absolutePath(template) as NSString).deletingLastPathComponent)
        }
        let context = try self.context(values)
        let environment = Environment(options: options, loader: FolderLoader(folder: folder))
        return try mapErrors { Array(try environment.renderString(source, name: name, context: context).utf8) }
    }

    /// `template` rendered as a file of golden path `name` (`GP` or `GP@VERSION`) would be: that
    /// version's defaults and platform values under the given values, its template options, its
    /// includes. The template is read from disk as it is now, so an author sees each edit at once.
    public static func run(template: String, goldenPath name: String, values: ValueArguments,
                           catalog: CatalogContext) throws(ScaffoldError) -> [UInt8] {
        let parts = name.split(separator: "@", maxSplits: 1).map(String.init)
        let version = try catalog.resolve(parts[0], version: parts.count > 1 ? parts[1] : nil)
        let goldenPath = try catalog.goldenPath(parts[0], version: version)
        let source = try mapErrors { try Catalog.readText(template) }
        var inputs = try values.inputs(catalog: catalog.catalog)
        if !values.sets.contains(where: { $0.hasPrefix("name=") }), goldenPath.manifest.parameter(named: "name") != nil {
            inputs.arguments = [(parameter: "name", value: "example", label: "the example name")]
        }
        return try mapErrors {
            Array(try goldenPath.renderFile(source, name: template, inputs: inputs, created: LoadedGoldenPath.today()).utf8)
        }
    }

    /// Values files merged in order, then each `--set`.
    static func context(_ values: ValueArguments) throws(ScaffoldError) -> ValueDict {
        var context = ValueDict()
        for path in values.valuesFiles {
            let node = try mapErrors { try ValuesFile.load(try Catalog.readText(path), path: path).node }
            switch Value(yaml: node) {
            case .dict(let dict): merge(dict, into: &context)
            case .none: continue
            default: throw ScaffoldError(file: path, line: node.mark.line, column: node.mark.column, message: "expected a mapping of names to values")
            }
        }
        for (i, argument) in values.sets.enumerated() {
            let set = try mapErrors { try SetArgument.parse(argument, ordinal: i + 1) }
            let keys = set.key.split(separator: ".").map(String.init)
            let value: Value = set.value.isEmpty ? .string("") : Value(yaml: .plain(set.value))
            context = assign(value, at: keys[...], in: context)
        }
        return context
    }

    private static func merge(_ source: ValueDict, into target: inout ValueDict) {
        for (key, value) in source.pairs {
            if case .dict(let incoming) = value, case .dict(var existing)? = target[key] {
                merge(incoming, into: &existing)
                target[key] = .dict(existing)
            } else {
                target[key] = value
            }
        }
    }

    private static func assign(_ value: Value, at keys: ArraySlice<String>, in dict: ValueDict) -> ValueDict {
        var dict = dict
        guard let key = keys.first else { return dict }
        if keys.count == 1 {
            dict[key] = value
        } else {
            var inner = ValueDict()
            if case .dict(let existing)? = dict[key] { inner = existing }
            dict[key] = .dict(assign(value, at: keys.dropFirst(), in: inner))
        }
        return dict
    }
}
