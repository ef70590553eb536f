/// Checks that span several points of a profile.
enum ProfileChecks {
    /// Every `scale_factor` names a readable i16 (sunssf) point of the same profile.
    static func checkScaleFactors(_ points: PointDecoder.Collection) {
        let byName = Dictionary(points.decoded.map { ($0.definition.name, $0.definition) }, uniquingKeysWith: { first, _ in first })
        for point in points.decoded {
            guard case .scaleFactor(let name) = point.definition.scaling, let node = point.scaleFactorNode else { continue }
            guard let target = byName[name] else {
                if !points.names.contains(name) { node.report("unknown point \"\(name)\"") }
                continue
            }
            if target.type != .i16 {
                node.report("scale factor point \"\(name)\" must have type i16 (sunssf), got \(target.type.spelling)")
            } else if !target.access.canRead {
                node.report("scale factor point \"\(name)\" must be readable")
            } else if target.scaling != .none {
                node.report("scale factor point \"\(name)\" must not be scaled itself")
            }
        }
    }

    /// The profile defines the points its kind needs, readable, and writable where the station writes them.
    static func checkRequirements(of kind: DeviceKind, points: PointDecoder.Collection, pointsNode: ConfigNode) {
        let byName = Dictionary(points.decoded.map { ($0.definition.name, $0) }, uniquingKeysWith: { first, _ in first })
        for name in kind.requiredPoints {
            guard let point = byName[name] else {
                if !points.names.contains(name) { pointsNode.report("missing required point \"\(name)\" for kind \(kind.rawValue)") }
                continue
            }
            let written = kind.writtenPoints.contains(name)
            if written, !point.definition.access.canWrite {
                point.node.report("point \"\(name)\" must be writable (access write or read_write) for kind \(kind.rawValue)")
            } else if !written, !point.definition.access.canRead {
                point.node.report("point \"\(name)\" must be readable for kind \(kind.rawValue)")
            }
        }
    }
}
