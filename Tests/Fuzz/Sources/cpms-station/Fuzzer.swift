import CFuzzerDriver
import StationFuzzing

/// The cpms-station fuzzer (docs/fuzzing.md): SwiftPM names this executable's entry point fuzz_cpms_station_main.
@_cdecl("fuzz_cpms_station_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    FuzzTarget.prepareProcess()
    return LLVMFuzzerRunDriver(&argc, &argv, testOneInput)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzTarget.cpmsStation.runBlocking(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}
