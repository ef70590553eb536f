/// How cpms names a station's EVSE towards eMSPs.
///
/// The eMI3 EVSE id is `CC*PID*E<code>*<evse>`: the CPO's country code and party id, `E`, the station's code
/// and the EVSE's number at the station (OCPP's evseId), e.g. `NL*STM*ECS0042*1`. The station's code is its
/// location's `evse_code`, or else its id in capitals without any character outside A-Z and 0-9 (`cs-0042` ->
/// `CS0042`); a station whose id gives no code of 1 to 20 characters, or the same code as another location's,
/// needs an explicit `evse_code`. The EVSE's OCPI `uid` is the same text as its `evse_id` (at most 36
/// characters: 2 + 1 + 3 + 2 + 20 + 5), so an eMSP that keys EVSEs by either finds the same one, and neither
/// changes while the station's code does not.
public enum EVSEIdentity {
    /// A station's part of the id: 1 to 20 of A-Z and 0-9.
    public static func isValidCode(_ code: String) -> Bool {
        (1...20).contains(code.utf8.count) && code.utf8.allSatisfy { isCapitalOrDigit($0) }
    }

    /// The code a station gets when its location names none; nil when its id gives no valid one.
    public static func derivedCode(station: String) -> String? {
        let code = String(decoding: station.uppercased().utf8.filter(isCapitalOrDigit), as: UTF8.self)
        return isValidCode(code) ? code : nil
    }

    /// `CC*PID*E<code>*<evse>`.
    public static func evseID(party: CPOParty, code: String, evse: Int) -> String {
        "\(party.countryCode)*\(party.partyID)*E\(code)*\(evse)"
    }

    private static func isCapitalOrDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
