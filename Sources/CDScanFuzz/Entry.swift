import Foundation

#if FUZZING
/// libFuzzer calls this for every input; the harness is named by `CDSCAN_FUZZ_HARNESS` (scripts/fuzz sets it).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    selectedHarness(bytes)
    return 0
}

private let selectedHarness: @Sendable ([UInt8]) -> Void = {
    let name = ProcessInfo.processInfo.environment["CDSCAN_FUZZ_HARNESS"] ?? ""
    guard let harness = Harnesses.all[name] else {
        FileHandle.standardError.write(Data("cdscan-fuzz: set CDSCAN_FUZZ_HARNESS to one of \(Harnesses.names.joined(separator: ", "))\n".utf8))
        exit(2)
    }
    return harness
}()
#else
@main
struct CDScanFuzz {
    static func main() {
        exit(Replay.run(Array(CommandLine.arguments.dropFirst())))
    }
}
#endif
