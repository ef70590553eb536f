import Mustache

// The overview and the Stations list render one card or row per station: 500 stations are some 10,000 template
// lookups, which swift-mustache answers through `Mirror` for a plain value (about 85 ms of the overview page
// for 500 stations). These types name their fields themselves instead; a name they do not have is nil, so the
// lookup goes on up the context stack as it would with `Mirror`.

extension PortalController.StationCard: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "connection": connection
        case "connectionClass": connectionClass
        case "grid": grid
        case "battery": battery
        case "purchase": purchase
        case "energyCost": energyCost
        case "lastSeen": lastSeen
        case "sockets": sockets
        default: nil
        }
    }
}

extension PortalController.SocketChip: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "key": key
        case "label": label
        case "status": status
        case "statusClass": statusClass
        case "power": power
        default: nil
        }
    }
}

extension PortalController.StationRow: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "card": card
        case "sockets": sockets
        default: nil
        }
    }
}

extension PortalController.StationRow.Socket: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "text": text
        case "statusClass": statusClass
        default: nil
        }
    }
}
