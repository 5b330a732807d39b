import Foundation
import FixtureKit

/// Figures computed straight from `git log` output, independently of libgit2 and of the builder, to check
/// the history evidence against.
struct GitFigures {
    struct Commit {
        let id: String
        let parents: [String]
        let authorName: String
        let authorEmail: String
        let authorTime: Int64
        let committerTime: Int64
        /// `%u %H` of the author date in the author's own time zone: weekday 1 (Monday) … 7, hour.
        let localWeekday: Int
        let localHour: Int
        let summary: String
        var isMerge: Bool { parents.count > 1 }
        /// Bots as a person reading the fixtures would name them.
        var isBot: Bool { authorName.hasSuffix("[bot]") || authorName == "semantic-release-bot" }
    }

    let url: URL
    let commits: [Commit]
    let headTime: Int64

    init(_ url: URL, range: [String] = ["HEAD"]) throws {
        self.url = url
        let format = "%H%x1f%P%x1f%an%x1f%ae%x1f%at%x1f%ct%x1f%ad%x1f%s%x1e"
        let text = try Git.run(["log", "--date=format:%u %H", "--format=\(format)"] + range, in: url)
        commits = text.split(separator: "\u{1e}").compactMap { record in
            let fields = record.trimmingCharacters(in: .newlines).split(separator: "\u{1f}", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 8 else { return nil }
            let local = fields[6].split(separator: " ")
            return Commit(id: fields[0], parents: fields[1].split(separator: " ").map(String.init), authorName: fields[2],
                          authorEmail: fields[3], authorTime: Int64(fields[4])!, committerTime: Int64(fields[5])!,
                          localWeekday: Int(local[0])!, localHour: Int(local[1])!, summary: fields[7])
        }
        headTime = Int64(try Git.run(["log", "-1", "--format=%ct", "HEAD"], in: url).trimmingCharacters(in: .whitespacesAndNewlines))!
    }

    func inWindow(_ commit: Commit, days: Int, asOf: Int64? = nil) -> Bool {
        let end = asOf ?? headTime
        return commit.committerTime <= end && commit.committerTime > end - Int64(days) * 86_400
    }

    func git(_ arguments: [String]) throws -> String {
        try Git.run(arguments, in: url).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}
