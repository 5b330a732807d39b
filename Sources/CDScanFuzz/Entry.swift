import Foundation

#if FUZZING
/// libFuzzer calls this for every input; the harness is named by `CDSCAN_FUZZ_HARNESS` (scripts/fuzz sets it).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    selectedHarness(bytes)
    return 0
}

/// libFuzzer's driver, entered from our own `main`: SwiftPM names an executable's entry point after its
/// module and points `main` at it, so libFuzzer's `main` is never linked and we start its driver here.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@_cdecl("cdscan_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    _ = selectedHarness
    return LLVMFuzzerRunDriver(&count, &arguments, fuzzOneInput)
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
