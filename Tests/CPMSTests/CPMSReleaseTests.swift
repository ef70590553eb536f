import CPMS
import Testing

@Test func releaseVersionIsSemantic() {
    #expect(CPMSRelease.version.split(separator: ".").count == 3)
}
