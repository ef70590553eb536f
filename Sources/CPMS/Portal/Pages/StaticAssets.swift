import Foundation
import Hummingbird

/// `/portal/static/FILE`: the portal's style sheet and scripts (compiled into cpms) and chart.js from Debian's
/// libjs-chart.js (read from disk, since it is Debian's to update).
struct StaticAssets: Sendable {
    let chartJSPath: String

    func response(for file: String) -> Response {
        switch file {
        case "portal.css":
            return Self.text(
                PortalStyleSheet.css + PortalStyleSheet.tariffsAndEMSPs + BookingsStyleSheet.css + SupplyPagesStyleSheet.css + StationsStyleSheet.css,
                type: "text/css; charset=utf-8")
        case "overview.js":
            return Self.text(OverviewScript.javascript, type: "text/javascript; charset=utf-8")
        case "charts.js":
            return Self.text(ChartsScript.javascript, type: "text/javascript; charset=utf-8")
        case "chart.js":
            guard let data = FileManager.default.contents(atPath: chartJSPath) else {
                return Self.text(
                    "chart.js is not installed on this server: install Debian's libjs-chart.js (expected at \(chartJSPath)).\n",
                    type: "text/plain; charset=utf-8", status: .notFound)
            }
            return Response(
                status: .ok, headers: [.contentType: "text/javascript; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
        default:
            return Self.text("no such portal asset: \(file)\n", type: "text/plain; charset=utf-8", status: .notFound)
        }
    }

    private static func text(_ text: String, type: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: type], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
