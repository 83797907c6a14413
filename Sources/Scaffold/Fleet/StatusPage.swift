import Foundation
import GoldenPath

/// `scaffold status --html`: one self-contained page (inline CSS and SVG, no scripts, nothing
/// fetched), so it can be attached to a CI run or mailed around and still render.
public enum StatusPage {
    /// `catalog` and `generated` (a UTC timestamp) say where the versions came from and when the
    /// page was made: a page attached to a CI run or mailed around is read days later.
    public static func render(_ report: FleetStatus.Report, title: String = "Fleet status",
                              catalog: String, generated: String) -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>\(escape(title))</title>
            <style>
            body { font: 14px/1.4 system-ui, sans-serif; margin: 2em; color: #1f2328; }
            table { border-collapse: collapse; margin: 1em 0 2em; }
            th, td { border-bottom: 1px solid #d0d7de; padding: 4px 12px; text-align: left; }
            td.n { text-align: right; font-variant-numeric: tabular-nums; }
            .behind { color: #9a6700; } .current { color: #1a7f37; } .failed { color: #cf222e; }
            svg text { font: 12px system-ui, sans-serif; }
            </style>
            </head>
            <body>
            <h1>\(escape(title))</h1>
            <p>Generated \(escape(generated)) from the catalog \(escape(catalog)).</p>

            """
        html += "<h2>Golden paths</h2>\n"
        for summary in report.overview.goldenPaths {
            html += "<h3>\(escape(summary.name))</h3>\n"
            html += "<p>\(summary.services) service\(summary.services == 1 ? "" : "s"); newest \(summary.newest.map { escape($0.description) } ?? "unknown"); "
                + "adoption \(percent(summary.adoption))</p>\n"
            html += chart(summary)
            if report.pullRequests {
                let mine = report.services.filter { $0.goldenPath == summary.name }
                let counts = PullRequestStatus.states.compactMap { state -> String? in
                    let count = mine.filter { $0.pullRequest?.state == state }.count
                    return count == 0 ? nil : "\(count) \(state)"
                }
                let unknown = mine.filter { $0.pullRequest == nil }.count
                html += "<p>Pull requests: \((counts + (unknown == 0 ? [] : ["\(unknown) unknown"])).joined(separator: ", "))</p>\n"
            }
        }
        html += "<h2>Services</h2>\n<table>\n<tr><th>Service</th><th>Golden path</th><th>Version</th><th>Newest</th>"
            + "<th>Behind</th>" + (report.overview.driftedFiles == nil ? "" : "<th>Drifted files</th>")
            + (report.pullRequests ? "<th>Pull request</th>" : "") + "<th>Note</th></tr>\n"
        for service in report.services {
            let state = service.behind == 0 ? "current" : "behind"
            html += "<tr class=\"\(state)\"><td>\(escape(service.location.relativePath))</td><td>\(escape(service.goldenPath))</td>"
                + "<td>\(escape(service.version.description))</td><td>\(escape(service.newest?.description ?? "-"))</td>"
                + "<td class=\"n\">\(service.behind)</td>"
                + (report.overview.driftedFiles == nil ? "" : "<td class=\"n\">\(service.drift.map { String($0.count) } ?? "-")</td>")
                + (report.pullRequests ? "<td>\(pullRequestCell(service.pullRequest))</td>" : "")
                + "<td>\(escape(service.notes.joined(separator: "; ")))</td></tr>\n"
        }
        html += "</table>\n"
        if !report.failures.isEmpty {
            html += "<h2>Failed</h2>\n<table>\n<tr><th>Repository</th><th>Reason</th></tr>\n"
            for failure in report.failures {
                html += "<tr class=\"failed\"><td>\(escape(failure.location.serviceLabel(folder: "")))</td><td>\(escape(failure.reason))</td></tr>\n"
            }
            html += "</table>\n"
        }
        if let drifted = report.overview.driftedFiles {
            html += "<h2>Most drifted template files</h2>\n<table>\n<tr><th>Services</th><th>Golden path</th><th>File</th></tr>\n"
            for file in drifted {
                html += "<tr><td class=\"n\">\(file.services)</td><td>\(escape(file.goldenPath))</td><td>\(escape(file.path))</td></tr>\n"
            }
            html += "</table>\n"
        }
        return html + "</body>\n</html>\n"
    }

    /// `#12 open, checks success, mergeable` linked to the pull request; `unknown` when it could not be read.
    static func pullRequestCell(_ pull: PullRequestStatus?) -> String {
        guard let pull else { return "unknown" }
        let text = escape(pullRequestWords(pull))
        guard let url = pull.url, url.hasPrefix("https://") || url.hasPrefix("http://") else { return text }
        return "<a href=\"\(escape(url))\">\(text)</a>"
    }

    /// A pull request in a few words, for the page and the text table.
    public static func pullRequestWords(_ pull: PullRequestStatus) -> String {
        guard let number = pull.number else { return pull.state }
        var words = ["#\(number) \(pull.state)" + (pull.version.map { " (\($0))" } ?? "")]
        if pull.checks != "none" { words.append("checks \(pull.checks)") }
        if let mergeable = pull.mergeable, pull.state == "open" || pull.state == "draft" {
            words.append(mergeable ? "mergeable" : "not mergeable")
        }
        return words.joined(separator: ", ")
    }

    /// A horizontal bar per version, newest on top and in green, scaled to the largest count.
    static func chart(_ summary: FleetOverview.GoldenPathSummary) -> String {
        let rowHeight = 22, labelWidth = 90, barWidth = 360
        let height = max(1, summary.versions.count) * rowHeight + 4
        let largest = max(1, summary.versions.map(\.services).max() ?? 1)
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(labelWidth + barWidth + 60)\" height=\"\(height)\" "
            + "role=\"img\" aria-label=\"\(escape(summary.name)) services by version\">\n"
        for (row, entry) in summary.versions.enumerated() {
            let y = row * rowHeight + 2
            let width = entry.services * barWidth / largest
            let color = entry.version == summary.newest ? "#2da44e" : "#bf8700"
            svg += "<text x=\"0\" y=\"\(y + 15)\">\(escape(entry.version.description))</text>"
                + "<rect x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(width)\" height=\"\(rowHeight - 6)\" fill=\"\(color)\"/>"
                + "<text x=\"\(labelWidth + width + 6)\" y=\"\(y + 15)\">\(entry.services)</text>\n"
        }
        return svg + "</svg>\n"
    }

    /// `42%`, as the tables print adoption.
    /// The current time as the page states it: `2026-12-01 13:05 UTC`.
    public static func now() -> String {
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        return String(format: "%04d-%02d-%02d %02d:%02d UTC", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min))
    }

    public static func percent(_ share: Double) -> String {
        "\(Int((share * 100).rounded()))%"
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
