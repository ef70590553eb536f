extension PortalTemplates {
    /// `/portal/stations/{id}`: sockets with their availability and who set it, 24-hour plots (drawn by
    /// `/portal/static/charts.js` from `charts.json`), availability changes, open sessions and charging records.
    static let station = """
    {{<layout}}{{$main}}
    {{#content}}
    <div class="page-head station-head">
      <p class="crumbs"><a href="/portal/">Overview</a> › Station</p>
      <div class="title-row"><h1 id="station-id">{{id}}</h1> <span class="badge {{connectionClass}}">{{connection}}</span></div>
      <p class="muted">{{lastSeen}}{{#device}} · {{.}}{{/device}} · supplied as {{group}}</p>
    </div>
    <section class="card">
      <h2>Sockets</h2>
      <div class="table-wrap">
      <table class="list" id="sockets">
        <thead><tr><th>Socket</th><th>Status</th><th>Availability</th><th>Set by</th><th>Reason</th><th>Since</th><th>Power</th></tr></thead>
        <tbody>
        {{#sockets}}
          <tr>
            <td data-label="Socket"><strong>{{name}}</strong></td>
            <td data-label="Status"><span class="pill status-{{statusClass}}">{{status}}</span></td>
            <td data-label="Availability"><span class="pill {{availabilityClass}}">{{availability}}</span></td>
            <td data-label="Set by">{{setBy}}</td>
            <td data-label="Reason">{{#reason}}{{.}}{{/reason}}{{^reason}}—{{/reason}}</td>
            <td data-label="Since">{{#since}}{{.}}{{/since}}{{^since}}—{{/since}}</td>
            <td data-label="Power" class="num">{{power}}</td>
          </tr>
        {{/sockets}}
        {{^sockets}}<tr><td colspan="7" class="muted">No sockets reported yet.</td></tr>{{/sockets}}
        </tbody>
      </table>
      </div>
    </section>
    <section class="charts" id="charts" data-charts="{{chartsURL}}">
      <p class="muted small charts-note">The last 24 hours and the next 6 of the supply plan, in UTC.</p>
      <div class="chart-grid">
        <figure class="card chart" data-chart="grid"><figcaption>Grid power and cap</figcaption><div class="chart-box"><canvas aria-label="Grid power and cap over the last 24 hours" role="img"></canvas></div><p class="chart-empty muted" hidden></p></figure>
        <figure class="card chart" data-chart="sockets"><figcaption>Socket power</figcaption><div class="chart-box"><canvas aria-label="Socket power over the last 24 hours" role="img"></canvas></div><p class="chart-empty muted" hidden></p></figure>
        <figure class="card chart" data-chart="battery"><figcaption>Battery</figcaption><div class="chart-box"><canvas aria-label="Battery SoC and power over the last 24 hours" role="img"></canvas></div><p class="chart-empty muted" hidden></p></figure>
        <figure class="card chart" data-chart="price"><figcaption>Purchase price</figcaption><div class="chart-box"><canvas aria-label="Purchase price over the last 24 hours" role="img"></canvas></div><p class="chart-empty muted" hidden></p></figure>
      </div>
      <p class="chart-failed error" hidden>The plots could not be loaded. Reload the page to try again.</p>
    </section>
    <section class="card">
      <h2>Sessions in progress</h2>
      <div class="table-wrap">
      <table class="list" id="open-sessions">
        <thead><tr><th>Transaction</th><th>Socket</th><th>Token</th><th>Started (UTC)</th><th>State</th><th>Energy</th></tr></thead>
        <tbody>
        {{#openSessions}}
          <tr><td data-label="Transaction"><code>{{id}}</code></td><td data-label="Socket">{{socket}}</td><td data-label="Token">{{token}}</td>
            <td data-label="Started">{{started}}</td><td data-label="State">{{state}}</td><td data-label="Energy" class="num">{{energy}}</td></tr>
        {{/openSessions}}
        {{^openSessions}}<tr><td colspan="6" class="muted">No session in progress.</td></tr>{{/openSessions}}
        </tbody>
      </table>
      </div>
    </section>
    <section class="card">
      <h2>Charging records</h2>
      <div class="table-wrap">
      <table class="list" id="records">
        <thead><tr><th>Transaction</th><th>Socket</th><th>Token</th><th>Started (UTC)</th><th>Stopped (UTC)</th><th>Energy</th><th>Price</th><th>Tariff</th></tr></thead>
        <tbody>
        {{#records}}
          <tr><td data-label="Transaction"><code>{{id}}</code></td><td data-label="Socket">{{socket}}</td><td data-label="Token">{{token}}</td>
            <td data-label="Started">{{started}}</td><td data-label="Stopped">{{stopped}}</td><td data-label="Energy" class="num">{{energy}}</td>
            <td data-label="Price" class="num {{priceClass}}">{{price}}</td><td data-label="Tariff">{{tariff}}</td></tr>
        {{/records}}
        {{^records}}<tr><td colspan="8" class="muted">No finished session yet.</td></tr>{{/records}}
        </tbody>
      </table>
      </div>
      <p class="muted small">The latest 20 records; prices include VAT.</p>
    </section>
    <section class="card">
      <h2>Availability changes</h2>
      <div class="table-wrap">
      <table class="list" id="availability">
        <thead><tr><th>When (UTC)</th><th>Socket</th><th>Change</th><th>Set by</th><th>Reason</th></tr></thead>
        <tbody>
        {{#changes}}
          <tr><td data-label="When">{{at}}</td><td data-label="Socket">{{socket}}</td><td data-label="Change"><span class="pill {{changeClass}}">{{change}}</span></td>
            <td data-label="Set by">{{setBy}}</td><td data-label="Reason">{{reason}}</td></tr>
        {{/changes}}
        {{^changes}}<tr><td colspan="5" class="muted">The station has reported no availability change.</td></tr>{{/changes}}
        </tbody>
      </table>
      </div>
    </section>
    {{/content}}
    {{/main}}{{/layout}}
    """
}
