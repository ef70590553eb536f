/// A picture of a location, charger or company, by URL (OCPI Image).
public struct Image: Codable, Sendable, Equatable {
    public var url: String
    public var thumbnail: String?
    public var category: ImageCategory
    public var type: String
    public var width: Int?
    public var height: Int?

    public init(
        url: String, thumbnail: String? = nil, category: ImageCategory, type: String, width: Int? = nil,
        height: Int? = nil
    ) {
        self.url = url
        self.thumbnail = thumbnail
        self.category = category
        self.type = type
        self.width = width
        self.height = height
    }

    enum CodingKeys: String, CodingKey {
        case url, thumbnail, category, type, width, height
    }
}

extension Image: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        try path.text(url, "url", .url)
        try path.text(thumbnail, "thumbnail", .url)
        try path.text(type, "type", .ciString(max: 4))
        try path.check(width.map { (0...99_999).contains($0) } ?? true, "width", "must be 0 to 99999 pixels")
        try path.check(height.map { (0...99_999).contains($0) } ?? true, "height", "must be 0 to 99999 pixels")
    }
}

/// What an image shows (OCPI ImageCategory).
public enum ImageCategory: String, Codable, Sendable, CaseIterable {
    case charger = "CHARGER"
    case entrance = "ENTRANCE"
    case location = "LOCATION"
    case network = "NETWORK"
    case `operator` = "OPERATOR"
    case other = "OTHER"
    case owner = "OWNER"
}
