public import Foundation
import OCPP

/// The xCal (RFC 5545) durations and date-times of OpenADR 2.0b.
public enum OpenADRDuration {
    /// Seconds of `[+-]P[nW][nD][T[nH][nM][nS]]` (fractional seconds allowed), nil when it is not one.
    public static func seconds(_ text: String) -> Double? {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        var sign = 1.0
        if rest.first == "-" || rest.first == "+" {
            if rest.first == "-" { sign = -1 }
            rest = rest.dropFirst()
        }
        guard rest.first == "P" else { return nil }
        rest = rest.dropFirst()
        var total = 0.0
        var inTime = false
        var number = ""
        var sawField = false
        for character in rest {
            switch character {
            case "T":
                guard !inTime, number.isEmpty else { return nil }
                inTime = true
            case "0"..."9", ".":
                number.append(character)
            case "W", "D", "H", "M", "S":
                guard let value = Double(number), value.isFinite else { return nil }
                number = ""
                sawField = true
                switch (character, inTime) {
                case ("W", false): total += value * 604_800
                case ("D", false): total += value * 86_400
                case ("H", true): total += value * 3_600
                case ("M", true): total += value * 60
                case ("S", true): total += value
                default: return nil
                }
            default:
                return nil
            }
        }
        guard number.isEmpty, sawField, total <= 366 * 86_400 * 10 else { return nil }
        return sign * total
    }

    /// An RFC 3339 date-time (`2026-12-07T06:00:00.000000Z`).
    public static func date(_ text: String) -> Date? {
        OCPPDateTime.parse(text.trimmingCharacters(in: .whitespaces))
    }
}
