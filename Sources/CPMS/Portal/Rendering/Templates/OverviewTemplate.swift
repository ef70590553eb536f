extension PortalTemplates {
    /// `/portal/`: one card per station; `/portal/static/overview.js` refreshes them from `/portal/overview.json`.
    static let overview = """
    {{<layout}}{{$main}}
    {{#content}}
    <div class="page-head">
      <h1>Overview</h1>
      <p class="muted">Stations: <span id="station-count">{{stationCount}}</span> · <span id="live-state" data-live="{{liveURL}}">updated {{updatedAt}}</span></p>
    </div>
    <div class="stations" id="stations">
    {{#stations}}
      <article class="card station" data-station="{{id}}">
        <header>
          <h2><a href="/portal/stations/{{id}}">{{id}}</a></h2>
          <span class="badge {{connectionClass}}" data-field="connection">{{connection}}</span>
        </header>
        <dl class="facts">
          <div><dt>Grid power</dt><dd data-field="grid">{{grid}}</dd></div>
          <div><dt>Battery</dt><dd data-field="battery">{{battery}}</dd></div>
          <div><dt>Purchase price · DSO</dt><dd data-field="purchase">{{purchase}}</dd></div>
          <div><dt>Bought today · cost</dt><dd data-field="energy-cost">{{energyCost}}</dd></div>
        </dl>
        <ul class="sockets" data-field="sockets">
          {{#sockets}}<li class="socket status-{{statusClass}}" data-socket="{{key}}"><span class="socket-name">{{label}}</span> <span class="socket-status">{{status}}</span> <span class="socket-power">{{power}}</span></li>{{/sockets}}
          {{^sockets}}<li class="socket none">No sockets reported yet</li>{{/sockets}}
        </ul>
        <p class="muted small" data-field="last-seen">{{lastSeen}}</p>
      </article>
    {{/stations}}
    {{^stations}}<p class="card empty" id="no-stations">No stations yet. Register one with <code>cpms station add</code>.</p>{{/stations}}
    </div>
    {{/content}}
    {{/main}}{{/layout}}
    """
}
