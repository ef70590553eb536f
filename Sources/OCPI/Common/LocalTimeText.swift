/// A local time "HH:MM" as OCPI's RegularHours write it: "([0-1][0-9]|2[0-3]):[0-5][0-9]"; a period may end at "24:00".
enum LocalTimeText {
    static func isValid(_ text: String, allowing24: Bool) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 5, bytes[2] == UInt8(ascii: ":"),
            bytes.enumerated().allSatisfy({ $0.offset == 2 || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0.element) })
        else { return false }
        let hour = Int(bytes[0] - UInt8(ascii: "0")) * 10 + Int(bytes[1] - UInt8(ascii: "0"))
        let minute = Int(bytes[3] - UInt8(ascii: "0")) * 10 + Int(bytes[4] - UInt8(ascii: "0"))
        if allowing24, hour == 24, minute == 0 { return true }
        return hour < 24 && minute < 60
    }
}
