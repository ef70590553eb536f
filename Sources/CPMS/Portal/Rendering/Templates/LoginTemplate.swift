extension PortalTemplates {
    /// `/portal/login`: name and password; a refusal says only that the login failed or is locked.
    static let login = """
    {{<layout}}{{$main}}
    <section class="card narrow">
      <h1>Sign in</h1>
      {{#content}}
      {{#error}}<p class="error" role="alert" id="login-error">{{.}}</p>{{/error}}
      <form method="post" action="/portal/login" class="stacked">
        <input type="hidden" name="_csrf" value="{{csrf}}">
        <input type="hidden" name="next" value="{{next}}">
        <label for="name">User name</label>
        <input id="name" name="name" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required value="{{name}}">
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required>
        <button type="submit" class="primary">Sign in</button>
      </form>
      {{/content}}
    </section>
    {{/main}}{{/layout}}
    """
}
