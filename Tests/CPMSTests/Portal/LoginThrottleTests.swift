@testable import CPMS
import Testing

/// The failed-login rule: delays growing with recent failures, and five failures within 15 minutes lock for
/// 15 minutes from the fifth.
struct LoginThrottleTests {
    let throttle = LoginThrottle()

    @Test func fourFailuresDoNotLockAndTheFifthLocksForFifteenMinutes() {
        let four: [Double] = [0, 60, 120, 180]
        #expect(throttle.lockedUntil(failures: four, now: 200) == nil)
        let five = four + [240]
        let fifteenMinutesAfterTheFifth: Double = 240 + 900
        #expect(throttle.lockedUntil(failures: five, now: 241) == fifteenMinutesAfterTheFifth)
        #expect(throttle.lockedUntil(failures: five, now: 240 + 899) == fifteenMinutesAfterTheFifth)
        #expect(throttle.lockedUntil(failures: five, now: 240 + 900) == nil)
    }

    @Test func failuresSpreadOverMoreThanTheWindowDoNotLock() {
        let spread: [Double] = [0, 300, 600, 900, 1_200]
        #expect(throttle.lockedUntil(failures: spread, now: 1_201) == nil)
        #expect(throttle.lockedUntil(failures: spread.shuffled(), now: 1_201) == nil)
    }

    @Test func theDelayDoublesWithEachRecentFailureUpToItsMaximum() {
        #expect(throttle.delay(afterFailures: 0) == .zero)
        #expect(throttle.delay(afterFailures: 1) == .milliseconds(250))
        #expect(throttle.delay(afterFailures: 2) == .milliseconds(500))
        #expect(throttle.delay(afterFailures: 3) == .seconds(1))
        #expect(throttle.delay(afterFailures: 6) == .seconds(4))
        #expect(throttle.delay(afterFailures: 1_000) == .seconds(4))
    }

    @Test func csrfTokensMatchOnlyWhenEqualAndPresent() {
        #expect(CSRFCheck.matches("abc", "abc"))
        #expect(!CSRFCheck.matches("abd", "abc"))
        #expect(!CSRFCheck.matches("ab", "abc"))
        #expect(!CSRFCheck.matches(nil, "abc"))
        #expect(!CSRFCheck.matches("", ""))
    }

    @Test func passwordsShorterThanTwelveCharactersAreRefused() {
        #expect(PasswordPolicy.problem(in: "short-pass1") != nil)
        #expect(PasswordPolicy.problem(in: "twelve-chars") == nil)
        #expect(PasswordPolicy.problem(in: String(repeating: "x", count: 73)) != nil)
        #expect(PasswordPolicy.problem(in: " twelve-chars") != nil)
    }

    @Test func loginRedirectsStayInsideThePortal() {
        typealias Controller = PortalController<CPMSRequestContext>
        #expect(Controller.safeNext("/portal/users") == "/portal/users")
        #expect(Controller.safeNext("https://evil.example/") == "/portal/")
        #expect(Controller.safeNext("//evil.example/portal/") == "/portal/")
        #expect(Controller.safeNext("/portal//evil.example") == "/portal/")
        #expect(Controller.safeNext(nil) == "/portal/")
    }
}
