import Foundation
import Testing
import FixtureKit
@testable import CDScanKit

/// A repository that went quiet (`hist-dormant`: months of work in 2021, one commit in the last 365 days):
/// the people figures read the whole history, one person under two addresses is one person, and
/// contributions a maintainer applied count as changes that passed through another person.
@Suite struct DormantHistoryTests {
    @Test func aQuietYearWidensThePeopleFiguresToTheWholeHistory() throws {
        let history = try HistoryScan.scan("hist-dormant").history
        #expect(history.activity.commits365 == 1)
        #expect(history.sampleDays == nil)
        // 56 non-merge commits and the cart commit by people over the whole history, not the one of the last year.
        #expect(history.people.busFactorCommits == 57)
        #expect(history.people.busFactor == 2)
        #expect(history.cadence.commits == 57)
        #expect(history.cadence.activeMonths >= 3 && history.cadence.activeMonths < history.cadence.months / 2)
        #expect(history.cadence.longestGapDays > 700)
    }

    @Test func oneNameUnderTwoAddressesIsOnePerson() throws {
        let history = try HistoryScan.scan("hist-dormant").history
        // alice, Bob Stone (two addresses), carol, dan.
        #expect(history.people.authorsTotal == 4)
        #expect(history.people.sampleAuthors == 4)
    }

    @Test func appliedContributionsPassThroughAnotherPerson() throws {
        let figures = try HistoryScan.scan("hist-dormant").history.collaboration
        #expect(figures.handedOverCommits == 24)
        #expect(figures.mergeRequestMerges == 1)
        #expect(figures.mainlineChanges == 57)
        #expect(abs(figures.throughOthersShare - 25.0 / 57.0) < 1e-9)
    }

    @Test func identitiesJoinOnAddressNoreplyLoginAndFullName() {
        let identities = [
            Identity(name: "Ann Lee", email: "ann@work.example"),
            Identity(name: "Ann Lee", email: "ann@home.example"),
            Identity(name: "annlee", email: "42+annlee@users.noreply.github.com"),
            Identity(name: "Ann L.", email: "annlee@users.noreply.github.com"),
            Identity(name: "admin", email: "admin@one.example"),
            Identity(name: "admin", email: "admin@two.example"),
            Identity(name: "dependabot[bot]", email: "bot@example.com"),
            Identity(name: "Ben Ode", email: "ANN@WORK.EXAMPLE"),
        ]
        let people = PersonIdentities.people(of: identities, isBot: identities.map { $0.name.hasSuffix("[bot]") })
        #expect(people == [0, 0, 1, 1, 2, 3, -1, 0])
    }
}
