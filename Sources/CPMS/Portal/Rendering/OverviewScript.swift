/// `/portal/static/overview.js`: polls `/portal/overview.json` and updates the station cards in place.
///
/// Every value is set with `textContent` (never as HTML), so station data cannot inject markup.
enum OverviewScript {
    static let javascript = """
    "use strict";
    (function () {
      var state = document.getElementById("live-state");
      var list = document.getElementById("stations");
      if (!state || !list) { return; }
      var url = state.getAttribute("data-live");
      var interval = 3000;

      function el(tag, className, text) {
        var node = document.createElement(tag);
        if (className) { node.className = className; }
        if (text !== undefined) { node.textContent = text; }
        return node;
      }

      function card(station) {
        var article = el("article", "card station");
        article.setAttribute("data-station", station.id);
        var head = el("header");
        var h2 = el("h2");
        var link = el("a", null, station.id);
        link.href = "/portal/stations/" + encodeURIComponent(station.id);
        h2.appendChild(link);
        head.appendChild(h2);
        var badge = el("span", "badge");
        badge.setAttribute("data-field", "connection");
        head.appendChild(badge);
        article.appendChild(head);
        var facts = el("dl", "facts");
        [["Grid power", "grid"], ["Battery", "battery"], ["Purchase price · DSO", "purchase"], ["Bought today · cost", "energy-cost"]]
          .forEach(function (pair) {
            var div = el("div");
            div.appendChild(el("dt", null, pair[0]));
            var dd = el("dd");
            dd.setAttribute("data-field", pair[1]);
            div.appendChild(dd);
            facts.appendChild(div);
          });
        article.appendChild(facts);
        var sockets = el("ul", "sockets");
        sockets.setAttribute("data-field", "sockets");
        article.appendChild(sockets);
        var seen = el("p", "muted small");
        seen.setAttribute("data-field", "last-seen");
        article.appendChild(seen);
        return article;
      }

      function field(article, name) { return article.querySelector('[data-field="' + name + '"]'); }

      function update(article, station) {
        var badge = field(article, "connection");
        badge.textContent = station.connection;
        badge.className = "badge " + station.connectionClass;
        field(article, "grid").textContent = station.grid;
        field(article, "battery").textContent = station.battery;
        field(article, "purchase").textContent = station.purchase;
        field(article, "energy-cost").textContent = station.energyCost;
        field(article, "last-seen").textContent = station.lastSeen;
        var sockets = field(article, "sockets");
        while (sockets.firstChild) { sockets.removeChild(sockets.firstChild); }
        if (station.sockets.length === 0) { sockets.appendChild(el("li", "socket none", "No sockets reported yet")); }
        station.sockets.forEach(function (socket) {
          var item = el("li", "socket status-" + socket.statusClass);
          item.setAttribute("data-socket", socket.key);
          item.appendChild(el("span", "socket-name", socket.label));
          item.appendChild(document.createTextNode(" "));
          item.appendChild(el("span", "socket-status", socket.status));
          item.appendChild(document.createTextNode(" "));
          item.appendChild(el("span", "socket-power", socket.power));
          sockets.appendChild(item);
        });
      }

      function render(data) {
        var empty = document.getElementById("no-stations");
        if (empty && data.stations.length > 0) { empty.parentNode.removeChild(empty); }
        var known = {};
        Array.prototype.forEach.call(list.querySelectorAll("article.station"), function (article) {
          known[article.getAttribute("data-station")] = article;
        });
        data.stations.forEach(function (station) {
          var article = known[station.id];
          if (!article) { article = card(station); list.appendChild(article); }
          delete known[station.id];
          update(article, station);
        });
        Object.keys(known).forEach(function (id) { list.removeChild(known[id]); });
        document.getElementById("station-count").textContent = String(data.stations.length);
        state.textContent = "updated " + data.updatedAt;
        state.className = "";
      }

      function poll() {
        fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
          .then(function (response) {
            if (response.status === 401) { window.location.assign("/portal/login?expired=1"); return null; }
            if (!response.ok) { throw new Error("HTTP " + response.status); }
            return response.json();
          })
          .then(function (data) { if (data) { render(data); } })
          .catch(function () { state.textContent = "live updates interrupted, retrying"; state.className = "stale"; })
          .then(function () { window.setTimeout(poll, interval); });
      }
      window.setTimeout(poll, interval);
    })();
    """
}
