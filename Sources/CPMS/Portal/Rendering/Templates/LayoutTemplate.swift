extension PortalTemplates {
    /// The frame of every page: header (brand, user, role, logout), navigation by role, `{{$main}}` for the page.
    ///
    /// Pages inherit it (`{{<layout}}{{$main}}...{{/main}}{{/layout}}`) and are rendered with a `PortalPageContext`.
    static let layout = """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{title}} · Stationmaster</title>
    <link rel="stylesheet" href="/portal/static/portal.css">
    {{#scripts}}<script src="{{.}}" defer></script>{{/scripts}}
    </head>
    <body>
    <header class="top">
      <a class="brand" href="/portal/">Stationmaster</a>
      {{#chrome}}
      <div class="account">
        <span class="who"><span class="user-name">{{user}}</span> <span class="role role-{{role}}">{{role}}</span></span>
        <form method="post" action="/portal/logout" class="logout">
          <input type="hidden" name="_csrf" value="{{csrf}}">
          <button type="submit" class="link-button">Log out</button>
        </form>
      </div>
      {{/chrome}}
    </header>
    {{#chrome}}
    <nav class="main-nav" aria-label="Main">
      {{#nav}}<a href="{{href}}"{{#current}} aria-current="page" class="current"{{/current}}>{{label}}</a>{{/nav}}
    </nav>
    {{/chrome}}
    <main>
    {{#notice}}<p class="notice {{kind}}" role="status">{{text}}</p>{{/notice}}
    {{$main}}{{/main}}
    </main>
    <footer class="bottom">cpms {{version}}</footer>
    </body>
    </html>
    """
}
