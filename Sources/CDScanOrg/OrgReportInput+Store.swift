import CDScanKit
import CDScanStore

extension OrgReportInput {
    /// The org report's input from a store: the newest record of every repository (failed ones included)
    /// and every record, oldest first.
    public init(store: ScanStore, dormantAfterDays: Int = Dormancy.defaultThresholdDays) throws(StoreError) {
        self.init(latest: try store.latest().map(\.record), history: try store.all().map(\.record),
                  dormantAfterDays: dormantAfterDays)
    }
}
