extension PortalTemplates {
    /// `/portal/emsps` (admins): the registered eMSPs, their endpoints and push queue.
    static let emsps = """
    {{<layout}}{{$main}}
    {{#content}}
    <div class="page-head"><h1>eMSPs</h1><p class="muted">The eMSPs registered with this CPO: their OCPI roles, the modules they receive, and how their push queue stands.</p></div>
    {{#emsps}}
    <article class="card emsp" data-emsp="{{name}}">
      <header class="card-head"><h2>{{name}}</h2><span class="badge party-{{statusClass}}" data-field="status">{{status}}</span></header>
      <dl class="facts">
        <div><dt>Roles</dt><dd>{{#roles}}<span class="block">{{.}}</span>{{/roles}}{{^roles}}—{{/roles}}</dd></div>
        <div><dt>OCPI version</dt><dd>{{version}}</dd></div>
        <div><dt>Registered</dt><dd>{{registered}}</dd></div>
        <div><dt>Versions URL</dt><dd class="url">{{versionsURL}}</dd></div>
      </dl>
      {{#queue}}
      <h3>Push queue</h3>
      <dl class="facts queue">
        <div><dt>Waiting</dt><dd data-field="queue-length">{{length}}</dd></div>
        <div><dt>Oldest waiting</dt><dd data-field="queue-oldest">{{oldestAge}}</dd></div>
        <div><dt>Failed attempts</dt><dd data-field="queue-attempts">{{attempts}}</dd></div>
        <div><dt>Dead letters</dt><dd data-field="queue-dead">{{deadLetters}}</dd></div>
      </dl>
      {{#lastError}}<p class="error small" data-field="last-error">Last error{{#lastErrorAt}} at {{.}}{{/lastErrorAt}}: {{.}}</p>{{/lastError}}
      {{/queue}}
      <details>
        <summary>Modules and endpoints ({{endpointCount}})</summary>
        <div class="table-wrap">
        <table class="list endpoints">
          <thead><tr><th>Module</th><th>Role</th><th>URL</th></tr></thead>
          <tbody>{{#endpoints}}<tr><td data-label="Module">{{module}}</td><td data-label="Role">{{role}}</td><td data-label="URL" class="url">{{url}}</td></tr>{{/endpoints}}</tbody>
        </table>
        </div>
        {{^endpoints}}<p class="muted">None yet: they come with the registration.</p>{{/endpoints}}
      </details>
    </article>
    {{/emsps}}
    {{^emsps}}<p class="card empty" id="no-emsps">No eMSPs yet. Add one with <code>POST /api/emsps</code>.</p>{{/emsps}}
    {{/content}}
    {{/main}}{{/layout}}
    """
}
