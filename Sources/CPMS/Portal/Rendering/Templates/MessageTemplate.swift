extension PortalTemplates {
    /// A page that only says something: forbidden, not found, a refused form.
    static let message = """
    {{<layout}}{{$main}}
    {{#content}}
    <section class="card narrow">
      <h1>{{heading}}</h1>
      <p>{{text}}</p>
      <p><a href="{{link}}">{{linkLabel}}</a></p>
    </section>
    {{/content}}
    {{/main}}{{/layout}}
    """
}
