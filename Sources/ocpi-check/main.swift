import Foundation
import OCPI

// Reads lines "KIND<TAB>JSON" (KIND an OCPIObjectKind, such as Location) and answers each with one line:
// "ok<TAB>JSON as OCPI writes it back" or "refused<TAB>FIELD<TAB>MESSAGE". For the Interop tests, which judge the
// written JSON with an independent implementation (PyPI ocpi-types).
while let line = readLine(strippingNewline: true) {
    guard let tab = line.firstIndex(of: "\t") else {
        print("refused\t\tno KIND<TAB>JSON")
        continue
    }
    guard let kind = OCPIObjectKind(rawValue: String(line[..<tab])) else {
        print("refused\t\tunknown kind \(line[..<tab])")
        continue
    }
    do {
        let written = try kind.normalized(Data(line[line.index(after: tab)...].utf8))
        print("ok\t" + String(decoding: written, as: UTF8.self))
    } catch {
        print("refused\t\(error.field)\t\(error.message)")
    }
}
