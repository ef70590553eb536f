extension PortalTemplates {
    /// `/portal/`: one card per station (written by `OverviewCardsHTML`); `/portal/static/overview.js` refreshes them
    /// from `/portal/overview.json`.
    static let overview = """
    {{<layout}}{{$main}}
    {{#content}}
    <div class="page-head">
      <h1>Overview</h1>
      <p class="muted">Stations: <span id="station-count">{{stationCount}}</span> · <span id="live-state" data-live="{{liveURL}}">updated {{updatedAt}}</span></p>
    </div>
    <div class="stations" id="stations">
    {{{cardsHTML}}}
    {{^stations}}<p class="card empty" id="no-stations">No stations yet. Register one with <code>cpms station add</code>.</p>{{/stations}}
    </div>
    {{/content}}
    {{/main}}{{/layout}}
    """
}
