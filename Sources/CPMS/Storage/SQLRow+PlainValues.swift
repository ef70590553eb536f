import SQLKit
import SQLiteKit

/// A column's plain value. SQLKit's `decode(column:as:)` builds a `Decoder` for every value, which dominates
/// reading thousands of rows from SQLite (the portal's overview); a SQLite row's value is read directly, any
/// other row is decoded as before.
extension SQLRow {
    func plainDouble(_ column: String) throws -> Double? {
        if let row = self as? SQLiteRow { return row.column(column)?.double }
        return try decode(column: column, as: Double?.self)
    }

    func plainString(_ column: String) throws -> String? {
        if let row = self as? SQLiteRow { return row.column(column)?.string }
        return try decode(column: column, as: String?.self)
    }

    func plainInt(_ column: String) throws -> Int? {
        if let row = self as? SQLiteRow { return row.column(column)?.integer.map { Int($0) } }
        return try decode(column: column, as: Int?.self)
    }

    /// A value that is never NULL.
    func required<T>(_ value: T?, _ column: String) throws -> T {
        guard let value else { throw MissingColumnValue(column: column) }
        return value
    }
}

struct MissingColumnValue: Error, CustomStringConvertible {
    let column: String
    var description: String { "column \(column) is NULL or missing" }
}
