extension Array where Element == YAMLError {
    /// Runs one read and keeps its error instead of throwing it, for readers that report every problem
    /// of a file at once; nil when the read failed or found nothing.
    public mutating func collect<Value>(_ read: () throws(YAMLError) -> Value?) -> Value? {
        do throws(YAMLError) {
            return try read()
        } catch {
            append(error)
            return nil
        }
    }
}
