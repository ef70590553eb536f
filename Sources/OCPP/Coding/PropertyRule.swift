/// A constraint from the schema, beyond the JSON type, that one property of a payload type meets.
///
/// Payload types list their rules in a static table (`ConstrainedPayload.rules`); the payload coders check
/// them on every value they decode or encode, so an incoming violation is answered with the right error
/// code and an outgoing one is never sent.
struct PropertyRule<Payload>: Sendable {
    struct Failure {
        var fault: OCPPFault
        var reason: String
        /// The offending element when the property is an array.
        var index: Int?
    }

    /// The property's JSON key.
    let property: String
    let check: @Sendable (Payload) -> Failure?
}

extension PropertyRule {
    /// At most `limit` characters (Unicode scalars, as JSON Schema counts them).
    static func maxLength(_ property: String, _ limit: Int, _ value: @escaping @Sendable (Payload) -> String?) -> Self {
        Self(property: property) { payload in
            guard let text = value(payload), text.unicodeScalars.count > limit else { return nil }
            return Failure(fault: .invalidValue, reason: "longer than \(limit) characters")
        }
    }

    /// Every element of a string array at most `limit` characters.
    static func maxLength(_ property: String, _ limit: Int, each values: @escaping @Sendable (Payload) -> [String]?)
        -> Self
    {
        Self(property: property) { payload in
            guard let texts = values(payload),
                let index = texts.firstIndex(where: { $0.unicodeScalars.count > limit })
            else { return nil }
            return Failure(fault: .invalidValue, reason: "longer than \(limit) characters", index: index)
        }
    }

    /// An array with `minimum` to `maximum` items (`minItems`, `maxItems`); `count` gives its item count.
    static func items(
        _ property: String, minimum: Int = 0, maximum: Int = .max,
        _ count: @escaping @Sendable (Payload) -> Int?
    ) -> Self {
        Self(property: property) { payload in
            guard let count = count(payload) else { return nil }
            if count < minimum {
                return Failure(fault: .occurrence, reason: "fewer than \(minimum) items")
            }
            if count > maximum {
                return Failure(fault: .occurrence, reason: "more than \(maximum) items")
            }
            return nil
        }
    }

    /// A number that is a whole multiple of `step` (`multipleOf`), allowing for binary rounding.
    static func multipleOf(_ property: String, _ step: Double, _ value: @escaping @Sendable (Payload) -> Double?)
        -> Self
    {
        Self(property: property) { payload in
            guard let number = value(payload) else { return nil }
            let steps = number / step
            guard abs(steps - steps.rounded()) > 1e-6 else { return nil }
            return Failure(fault: .invalidValue, reason: "not a multiple of \(step)")
        }
    }

    /// An integer of at least `minimum`.
    static func minimum(_ property: String, _ minimum: Int, _ value: @escaping @Sendable (Payload) -> Int?) -> Self {
        Self(property: property) { payload in
            guard let number = value(payload), number < minimum else { return nil }
            return Failure(fault: .invalidValue, reason: "less than \(minimum)")
        }
    }

    /// A rule of its own: `check` returns why the value is invalid, or nil.
    static func invalidValue(_ property: String, _ check: @escaping @Sendable (Payload) -> String?) -> Self {
        Self(property: property) { payload in
            check(payload).map { Failure(fault: .invalidValue, reason: $0) }
        }
    }
}

/// A payload type whose schema constrains it beyond JSON types.
protocol ConstrainedPayload {
    static var rules: [PropertyRule<Self>] { get }
}

extension ConstrainedPayload {
    /// Throws the first broken rule, its path under `codingPath` (worked out only then).
    func checkRules(at codingPath: @autoclosure () -> [any CodingKey]) throws(PayloadViolation) {
        for rule in Self.rules {
            guard let failure = rule.check(self) else { continue }
            let property = failure.index.map { "\(rule.property)[\($0)]" } ?? rule.property
            let path = PayloadViolation.path(codingPath(), appending: property)
            throw PayloadViolation(failure.fault, at: path, failure.reason)
        }
    }
}
