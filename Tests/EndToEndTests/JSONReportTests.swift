import Foundation
import Testing
import FixtureKit

/// The JSON report against its published schema (docs/schema/cdscan-report.schema.json), on every fixture.
@Suite struct JSONReportTests {
    static let schema = "docs/schema/cdscan-report.schema.json"
    static let fixtures = ((try? Fixtures.names()) ?? []).filter { $0 != "empty" }

    @Test func everyFixturesReportIsValidAgainstTheSchema() throws {
        var documents: [String] = []
        for fixture in Self.fixtures {
            let run = try CDScanBinary.run(["scan", try Fixtures.path(fixture).path, "--format", "json"])
            #expect(run.status == 0, "\(fixture): \(run.stderr)")
            documents.append(run.stdout)
        }
        #expect(documents.count >= 16)
        let outcome = try SchemaValidator.validate(documents, schema: Self.schema)
        #expect(outcome.isValid, "\(outcome.problems)")
    }

    @Test func theSchemaRejectsAReportThatBreaksIt() throws {
        let run = try CDScanBinary.run(["scan", try Fixtures.path("library").path, "--format", "json"])
        var report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        report.removeValue(forKey: "schemaVersion")
        var characteristics = try #require(report["characteristics"] as? [[String: Any]])
        characteristics[0]["outcome"] = "maybe"
        report["characteristics"] = characteristics
        let broken = String(decoding: try JSONSerialization.data(withJSONObject: report), as: UTF8.self)
        let outcome = try SchemaValidator.validate([broken], schema: Self.schema)
        #expect(outcome.status == 1, "\(outcome.problems)")
        #expect(outcome.problems.contains("schemaVersion"))
        #expect(outcome.problems.contains("maybe"))
    }

    @Test func theReportCarriesTheDeliveryProxiesWithHowTheyWereComputed() throws {
        let run = try CDScanBinary.run(["scan", try Fixtures.path("service").path, "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let metrics = try #require(report["metrics"] as? [String: Any])
        let proxies = try #require(metrics["deliveryProxies"] as? [[String: Any]])
        #expect(proxies.map { $0["name"] as? String } == ["deployment-frequency", "lead-time-for-changes", "change-failure-rate", "time-to-restore"])
        for proxy in proxies {
            #expect(proxy["proxy"] as? Bool == true)
            #expect((proxy["method"] as? String)?.isEmpty == false)
        }
        let completeness = try #require(metrics["completeness"] as? [String: Any])
        #expect(completeness["shallow"] as? Bool == false)
        #expect(completeness["wholeHistory"] as? Bool == true)
    }

    @Test func aShallowClonesMetricsSayWhatTheyMiss() throws {
        let run = try CDScanBinary.run(["scan", try Fixtures.path("shallow").path, "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let metrics = try #require(report["metrics"] as? [String: Any])
        let completeness = try #require(metrics["completeness"] as? [String: Any])
        #expect(completeness["shallow"] as? Bool == true)
        #expect(completeness["wholeHistory"] as? Bool == false)
        let proxies = try #require(metrics["deliveryProxies"] as? [[String: Any]])
        #expect(proxies.allSatisfy { $0["complete"] as? Bool == false })
    }
}
