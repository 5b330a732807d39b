import Foundation
import Testing
import FixtureKit
@testable import CDScanKit

/// The dormancy rule: dormant when the last commit is at least the threshold's days before the reference;
/// not judged without a reference (a scan as of its own HEAD).
@Suite struct DormancyTests {
    static let day: Int64 = 86_400
    static let last = Timestamp.parse("2025-10-18T12:00:00Z")!

    @Test func theThresholdIsInclusiveAndDaysAreWhole() {
        let exactly = Dormancy(lastCommit: Self.last, reference: Self.last + 180 * Self.day, thresholdDays: 180)
        #expect(exactly.dormant == true)
        #expect(exactly.days == 180)
        let justShort = Dormancy(lastCommit: Self.last, reference: Self.last + 180 * Self.day - 1, thresholdDays: 180)
        #expect(justShort.dormant == false)
        #expect(justShort.days == 179)
        let later = Dormancy(lastCommit: Self.last, reference: Self.last + 412 * Self.day + 3600, thresholdDays: 180)
        #expect(later.sentence == "no commits for 412 days (since 2025-10-18, threshold 180)")
        #expect(justShort.sentence == nil)
        #expect(Dormancy(lastCommit: Self.last, reference: Self.last + 2 * Self.day, thresholdDays: 1).sentence
            == "no commits for 2 days (since 2025-10-18, threshold 1)")
    }

    @Test func aReferenceBeforeTheLastCommitIsNotAQuietSpell() {
        let earlier = Dormancy(lastCommit: Self.last, reference: Self.last - 30 * Self.day, thresholdDays: 10)
        #expect(earlier.days == 0)
        #expect(earlier.dormant == false)
    }

    @Test func withoutAReferenceNothingIsJudgedAndTheJSONSaysNull() throws {
        let unjudged = Dormancy(lastCommit: Self.last, reference: nil, thresholdDays: 180)
        #expect(unjudged.days == nil && unjudged.dormant == nil && unjudged.reference == nil)
        #expect(unjudged.lastCommit == "2025-10-18T12:00:00Z")
        #expect(unjudged.sentence == nil)
        let json = try JSONOutput.encode(unjudged)
        #expect(json == """
            {
              "days" : null,
              "dormant" : null,
              "lastCommit" : "2025-10-18T12:00:00Z",
              "reference" : null,
              "thresholdDays" : 180
            }

            """)
        #expect(try JSONDecoder().decode(Dormancy.self, from: Data(json.utf8)) == unjudged)
    }

    /// Through a real scan: only an explicit as-of judges, and the last commit is HEAD's.
    @Test func aScanIsJudgedAgainstItsExplicitAsOfOnly() throws {
        let path = try Fixtures.path("gitflow").path
        let own = try Scanner.scan(ScanRequest(path: path))
        let head = own.evidence.snapshot.asOf
        #expect(own.dormancy.lastCommit == Timestamp.iso8601(head))
        #expect(own.dormancy.dormant == nil)

        let far = try Scanner.scan(ScanRequest(path: path, options: ScanOptions(asOf: head + 400 * Self.day)))
        #expect(far.dormancy.dormant == true)
        #expect(far.dormancy.days == 400)
        #expect(far.dormancy.lastCommit == Timestamp.iso8601(head))
        let near = try Scanner.scan(ScanRequest(path: path, options: ScanOptions(asOf: head + 400 * Self.day), dormantAfterDays: 500))
        #expect(near.dormancy.dormant == false)
        #expect(near.dormancy.thresholdDays == 500)
        #expect(ReportDocument(far, toolVersion: "0").dormancy == far.dormancy)
        #expect(AssessmentText(result: far).render().contains("\nDormant: no commits for 400 days (since \(Timestamp.day(head)), threshold 180)\n"))
        #expect(!AssessmentText(result: near).render().contains("Dormant"))
        #expect(AssessmentMarkdown(result: far).render().contains("**Dormant:** no commits for 400 days"))

        // An as-of before HEAD: the last commit is the newest one at or before it.
        let before = try Scanner.scan(ScanRequest(path: path, options: ScanOptions(asOf: head - 1)))
        let last = try #require(before.dormancy.lastCommit.flatMap(Timestamp.parse))
        #expect(last < head)
        #expect(before.evidence.snapshot.history.commits.contains { $0.committerTime == last })
    }
}
