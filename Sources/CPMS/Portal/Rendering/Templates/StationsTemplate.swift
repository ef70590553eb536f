extension PortalTemplates {
    /// `/portal/stations`: every station as a table row, filtered by a part of its id and its connection.
    static let stations = """
    {{<layout}}{{$main}}
    {{#content}}
    <div class="page-head">
      <h1>Stations</h1>
      <p class="muted">{{#filtered}}{{shown}} of {{/filtered}}{{total}} stations</p>
    </div>
    <form class="card filters" method="get" action="/portal/stations">
      <label>Station id contains <input type="search" name="q" value="{{query}}" maxlength="48"></label>
      <label>Connection <select name="connection">{{#connectionChoices}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/connectionChoices}}</select></label>
      <button type="submit" class="primary">Show</button>
    </form>
    <section class="card">
      <div class="table-wrap">
      <table class="list" id="station-list">
        <thead><tr><th>Station</th><th>Connection</th><th>Sockets</th><th>Grid power</th><th>Battery</th><th>Purchase price · DSO</th><th>Bought today · cost</th></tr></thead>
        <tbody>
        {{#stations}}
          <tr data-station="{{card.id}}">
            <td data-label="Station"><a href="/portal/stations/{{card.id}}">{{card.id}}</a></td>
            <td data-label="Connection"><span class="badge {{card.connectionClass}}">{{card.connection}}</span> <span class="muted small">{{card.lastSeen}}</span></td>
            <td data-label="Sockets">{{#sockets}}<span class="socket-inline status-{{statusClass}}">{{text}}</span> {{/sockets}}{{^sockets}}<span class="muted">none reported</span>{{/sockets}}</td>
            <td data-label="Grid">{{card.grid}}</td>
            <td data-label="Battery">{{card.battery}}</td>
            <td data-label="Purchase">{{card.purchase}}</td>
            <td data-label="Today">{{card.energyCost}}</td>
          </tr>
        {{/stations}}
        {{^stations}}<tr><td colspan="7">{{#filtered}}No station matches.{{/filtered}}{{^filtered}}No stations yet. Register one with <code>cpms station add</code>.{{/filtered}}</td></tr>{{/stations}}
        </tbody>
      </table>
      </div>
    </section>
    {{/content}}
    {{/main}}{{/layout}}
    """
}
