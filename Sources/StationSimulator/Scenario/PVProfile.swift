public import StationCore
import Foundation

/// A photovoltaic array on the site: a half-sine from sunrise to sunset, peaking at noon between them.
public struct PVProfile: Sendable, Hashable {
    public var peak: Watts
    public var sunrise: ScenarioTime
    public var sunset: ScenarioTime

    public static let defaultSunrise = ScenarioTime.timeOfDay(.seconds(6 * 3600))
    public static let defaultSunset = ScenarioTime.timeOfDay(.seconds(18 * 3600))

    /// `sunrise` and `sunset` must be of one kind, sunrise first.
    public init(peak: Watts, sunrise: ScenarioTime = PVProfile.defaultSunrise, sunset: ScenarioTime = PVProfile.defaultSunset) {
        self.peak = peak
        self.sunrise = sunrise
        self.sunset = sunset
    }

    /// The array's output at `elapsed` after the start, `timeOfDay` after midnight.
    public func power(elapsed: Duration, timeOfDay: Duration) -> Watts {
        let (rise, now) = sunrise.position(elapsed: elapsed, timeOfDay: timeOfDay)
        let set = sunset.offset
        guard set > rise, now >= rise, now <= set else { return 0 }
        let fraction = (now - rise).inSeconds / (set - rise).inSeconds
        return peak * max(0, sin(Double.pi * fraction))
    }
}
