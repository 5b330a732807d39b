import ArgumentParser
import CDScanKit

/// `--dormant-after`, offered by `scan`, `batch` and `report`: how long without a commit makes a repository
/// dormant. `history` has no use for it: each point is scanned as of its own commit.
struct DormancyOption: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Mark a repository dormant when its last commit is this many days before the reference time.",
        discussion: "The reference is --as-of when given; in an org report, the newest as-of among its repositories (the newest HEAD). A single scan without --as-of is not judged: it would be measured from its own HEAD.",
        valueName: "days"))
    var dormantAfter: Int = Dormancy.defaultThresholdDays

    func validate() throws {
        guard dormantAfter > 0 else { throw ValidationError("--dormant-after must be a positive number of days") }
    }
}
