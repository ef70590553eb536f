extension PortalTemplates {
    /// `/portal/users` (admins): the accounts, a form to add one, a button to disable one.
    static let users = """
    {{<layout}}{{$main}}
    {{#content}}
    <div class="page-head"><h1>Users</h1></div>
    <section class="card">
      <div class="table-wrap">
      <table class="list" id="users">
        <thead><tr><th>Name</th><th>Role</th><th>Created</th><th>State</th><th></th></tr></thead>
        <tbody>
        {{#users}}
          <tr data-user="{{name}}">
            <td data-label="Name">{{name}}</td>
            <td data-label="Role"><span class="role role-{{role}}">{{role}}</span></td>
            <td data-label="Created">{{created}}</td>
            <td data-label="State">{{state}}</td>
            <td>{{#canDisable}}<form method="post" action="/portal/users/{{name}}/disable">
              <input type="hidden" name="_csrf" value="{{csrf}}"><button type="submit" class="danger small">Disable</button></form>{{/canDisable}}</td>
          </tr>
        {{/users}}
        </tbody>
      </table>
      </div>
    </section>
    <section class="card">
      <h2>Add a user</h2>
      {{#form}}
      <form method="post" action="/portal/users" class="stacked inline-submit" id="add-user">
        <input type="hidden" name="_csrf" value="{{csrf}}">
        <label for="new-name">Name</label>
        <input id="new-name" name="name" type="text" autocapitalize="none" spellcheck="false" value="{{name}}" required>
        {{#nameError}}<p class="field-error">{{.}}</p>{{/nameError}}
        <label for="new-role">Role</label>
        <select id="new-role" name="role">{{#roles}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{value}}</option>{{/roles}}</select>
        {{#roleError}}<p class="field-error">{{.}}</p>{{/roleError}}
        <label for="new-password">Password (at least 12 characters)</label>
        <input id="new-password" name="password" type="password" autocomplete="new-password" required>
        {{#passwordError}}<p class="field-error">{{.}}</p>{{/passwordError}}
        <button type="submit" class="primary">Add user</button>
      </form>
      {{/form}}
    </section>
    {{/content}}
    {{/main}}{{/layout}}
    """
}
