extension PortalTemplates {
    /// `/portal/tariffs`: every tariff offered with its current version's prices and where it applies.
    static let tariffs = """
    {{<layout}}{{$main}}
    {{#content}}
    <div class="page-head"><h1>Tariffs</h1><p class="muted">The tariffs offered, each with its current version. Open one for its restrictions, energy mix, versions and pushes.</p></div>
    <section class="card">
      <div class="table-wrap">
      <table class="list" id="tariffs">
        <thead><tr><th>Tariff</th><th>Prices (excl. VAT)</th><th>Type</th><th>Version</th><th>Assigned to</th></tr></thead>
        <tbody>
        {{#tariffs}}
          <tr data-tariff="{{id}}">
            <td data-label="Tariff"><a href="{{href}}">{{id}}</a></td>
            <td data-label="Prices" class="num">{{prices}}</td>
            <td data-label="Type">{{type}}</td>
            <td data-label="Version">{{version}} <span class="muted small">from {{validFrom}} UTC</span></td>
            <td data-label="Assigned to">{{assigned}}</td>
          </tr>
        {{/tariffs}}
        </tbody>
      </table>
      </div>
      {{^tariffs}}<p class="muted" id="no-tariffs">No tariffs yet. Create one with <code>POST /api/tariffs</code>.</p>{{/tariffs}}
    </section>
    {{/content}}
    {{/main}}{{/layout}}
    """

    /// `/portal/tariffs/{id}`: one tariff; admins edit the current version's prices ("Save Changes").
    static let tariff = """
    {{<layout}}{{$main}}
    {{#content}}
    <div class="page-head">
      <p class="small"><a href="/portal/tariffs">← Tariffs</a></p>
      <h1>Tariff {{id}}</h1>
      <p class="muted">Version <strong id="current-version">{{version}}</strong>, in force since {{validFrom}} UTC · {{currency}} · {{type}}{{#altText}} · {{.}}{{/altText}}</p>
      {{#minMax}}<p class="muted small">{{.}}</p>{{/minMax}}
    </div>
    <section class="card">
      <h2>Prices of the current version</h2>
      {{#formError}}<p class="field-error" id="tariff-error">{{.}}</p>{{/formError}}
      {{#canEdit}}<form method="post" action="{{href}}" id="tariff-prices" novalidate>
        <input type="hidden" name="_csrf" value="{{csrf}}">
        <input type="hidden" name="version" value="{{version}}">{{/canEdit}}
        {{#elements}}
        <div class="tariff-element">
          <h3>Element {{number}}</h3>
          {{#hasRestrictions}}<p class="restrictions">{{#restrictions}}<span class="chip">{{.}}</span> {{/restrictions}}</p>{{/hasRestrictions}}
          {{^restrictions}}<p class="muted small">No restrictions: applies at all times.</p>{{/restrictions}}
          <div class="table-wrap">
          <table class="list prices">
            <thead><tr><th>Component</th><th>Price (excl. VAT)</th><th>VAT</th><th>Step size</th></tr></thead>
            <tbody>
            {{#components}}
              <tr data-component="{{field}}" data-type="{{type}}">
                <td data-label="Component">{{label}} <span class="muted small">{{type}}</span></td>
                <td data-label="Price">{{#canEdit}}<span class="price-input"><input id="{{field}}" name="{{field}}" type="text" inputmode="decimal" autocomplete="off" value="{{price}}" aria-label="{{label}} price in {{unit}}"{{#error}} aria-invalid="true" aria-describedby="{{field}}-error"{{/error}}> <span class="unit">{{unit}}</span></span>
                  {{#error}}<p class="field-error" id="{{field}}-error">{{.}}</p>{{/error}}{{/canEdit}}{{^canEdit}}<span class="price" id="{{field}}">{{price}}</span> {{unit}}{{/canEdit}}</td>
                <td data-label="VAT">{{vat}}</td>
                <td data-label="Step size">{{step}}</td>
              </tr>
            {{/components}}
            </tbody>
          </table>
          </div>
        </div>
        {{/elements}}
      {{#canEdit}}<p class="muted small">A saved change becomes version {{nextVersion}}, in force at once, and is pushed to every eMSP.</p>
        <button type="submit" class="primary" id="save-changes">Save Changes</button>
      </form>{{/canEdit}}
    </section>
    <section class="card">
      <h2>Push status per eMSP</h2>
      <div class="table-wrap">
      <table class="list" id="pushes">
        <thead><tr><th>eMSP</th><th>Status</th><th>Details</th></tr></thead>
        <tbody>
        {{#pushes}}
          <tr data-emsp="{{emsp}}">
            <td data-label="eMSP">{{emsp}}</td>
            <td data-label="Status"><span class="badge push-{{stateClass}}" data-field="push-state">{{state}}</span></td>
            <td data-label="Details" class="small">{{detail}}</td>
          </tr>
        {{/pushes}}
        </tbody>
      </table>
      </div>
      {{^pushes}}<p class="muted">No eMSP is registered: nothing is pushed.</p>{{/pushes}}
    </section>
    <div class="two-columns">
    <section class="card">
      <h2>Assigned to</h2>
      {{#hasAssigned}}<ul class="plain">{{#assigned}}<li>{{.}}</li>{{/assigned}}</ul>{{/hasAssigned}}
      {{^assigned}}<p class="muted">Not assigned to any station, EVSE or connector.</p>{{/assigned}}
    </section>
    <section class="card">
      <h2>Energy mix</h2>
      {{#energyMix}}
        <p><strong>{{green}}</strong>{{#supplier}} · {{.}}{{/supplier}}{{#product}} · {{.}}{{/product}}</p>
        {{#hasSources}}<ul class="plain">{{#sources}}<li>{{.}}</li>{{/sources}}</ul>{{/hasSources}}
        {{#hasImpact}}<p class="muted small">{{#impact}}{{.}} {{/impact}}</p>{{/hasImpact}}
      {{/energyMix}}
      {{^energyMix}}<p class="muted">Not given.</p>{{/energyMix}}
    </section>
    </div>
    <section class="card">
      <h2>Versions</h2>
      <div class="table-wrap">
      <table class="list" id="versions">
        <thead><tr><th>Version</th><th>Valid from</th><th>Prices (excl. VAT)</th></tr></thead>
        <tbody>
        {{#versions}}
          <tr data-version="{{number}}">
            <td data-label="Version">{{number}}{{#current}} <span class="badge online">current</span>{{/current}}</td>
            <td data-label="Valid from">{{validFrom}} UTC</td>
            <td data-label="Prices" class="num">{{prices}}</td>
          </tr>
        {{/versions}}
        </tbody>
      </table>
      </div>
    </section>
    {{/content}}
    {{/main}}{{/layout}}
    """
}
