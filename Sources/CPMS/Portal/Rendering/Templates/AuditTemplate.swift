extension PortalTemplates {
    /// `/portal/audit` (admins): the audit log, newest first, a page at a time.
    static let audit = """
    {{<layout}}{{$main}}
    {{#content}}
    <div class="page-head"><h1>Audit log</h1></div>
    <section class="card">
      <div class="table-wrap">
      <table class="list" id="audit">
        <thead><tr><th>When (UTC)</th><th>Who</th><th>Action</th><th>Target</th><th>Before</th><th>After</th></tr></thead>
        <tbody>
        {{#entries}}
          <tr>
            <td data-label="When">{{at}}</td>
            <td data-label="Who">{{actor}} <span class="muted">({{role}}{{#address}}, {{.}}{{/address}})</span></td>
            <td data-label="Action"><code>{{action}}</code></td>
            <td data-label="Target">{{target}}</td>
            <td data-label="Before"><code class="json">{{before}}</code></td>
            <td data-label="After"><code class="json">{{after}}</code></td>
          </tr>
        {{/entries}}
        {{^entries}}<tr><td colspan="6">Nothing recorded yet.</td></tr>{{/entries}}
        </tbody>
      </table>
      </div>
      <p class="pager">{{#newer}}<a href="{{.}}">← Newer</a>{{/newer}} {{#older}}<a href="{{.}}">Older →</a>{{/older}}</p>
    </section>
    {{/content}}
    {{/main}}{{/layout}}
    """
}
