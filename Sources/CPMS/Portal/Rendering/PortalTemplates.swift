import Mustache

/// The portal's mustache templates, compiled into cpms (one Swift file per template in `Templates/`).
///
/// Why string constants rather than `.mustache` resource files: cpms is installed as a single binary, and a
/// SwiftPM resource bundle is looked up beside the executable at run time (on Linux `Bundle.module` traps
/// when it is missing), so a copied binary would lose its pages. Constants cannot get lost, and a template
/// that does not parse fails the tests (`PortalRenderingTests`) rather than a deployment.
enum PortalTemplates {
    /// Every template by the name pages render and inherit it with.
    static let all: [String: String] = [
        "layout": layout, "login": login, "message": message, "overview": overview, "users": users, "audit": audit,
        "tariffs": tariffs, "tariff": tariff, "emsps": emsps,
        "bookings": bookings,
        "station": station, "energy": energy, "stations": stations,
    ]

    /// The compiled library; a template that does not parse is reported with its name.
    static func library() throws -> MustacheLibrary {
        var library = MustacheLibrary()
        for (name, text) in all.sorted(by: { $0.key < $1.key }) {
            do {
                try library.register(text, named: name)
            } catch {
                throw PortalTemplateError(description: "portal template \(name) does not parse: \(error)")
            }
        }
        return library
    }
}

struct PortalTemplateError: Error, CustomStringConvertible {
    let description: String
}
