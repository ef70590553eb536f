extension PortalTemplates {
    /// `/portal/energy`: the policy (a form for admins), the DSOs with their feeds, current price and mix, the next
    /// 24 hours' forecasts (drawn by `/portal/static/charts.js`), the supply plan per group with its reasons and
    /// the cost per day.
    static let energy = """
    {{<layout}}{{$main}}
    {{#content}}
    <div class="page-head">
      <h1>Energy</h1>
      <p class="muted">Where the stations' energy is bought, at what price and mix, and why. Times in UTC.</p>
    </div>
    <section class="card" id="policy">
      <h2>Supply policy</h2>
      {{#policy}}
      <p class="policy-now"><strong id="policy-now">{{description}}</strong> <span class="muted small">{{updated}}</span></p>
      {{#form}}
      <form method="post" action="/portal/energy/policy" class="stacked inline-submit" id="policy-form">
        <input type="hidden" name="_csrf" value="{{csrf}}">
        <fieldset class="policy">
          <legend>Choose the supplier in each window by</legend>
          {{#options}}
          <label class="choice"><input type="radio" name="kind" value="{{value}}" id="policy-{{value}}"{{#checked}} checked{{/checked}}> <span><strong>{{label}}</strong> <span class="muted">— {{hint}}</span></span></label>
          {{/options}}
        </fieldset>
        {{#kindError}}<p class="field-error" id="kind-error">{{.}}</p>{{/kindError}}
        <div class="param-row">
          <label for="price-per-kilogram">CO2 price ({{currency}} per kg), for “Cost with a CO2 price”</label>
          <input id="price-per-kilogram" name="price_per_kilogram" type="text" inputmode="decimal" value="{{pricePerKilogram}}" placeholder="0.08">
          {{#priceError}}<p class="field-error" id="price-error">{{.}}</p>{{/priceError}}
        </div>
        <div class="param-row">
          <label for="share-percent">Least renewable share (%), for “Minimum renewable share”</label>
          <input id="share-percent" name="share_percent" type="text" inputmode="decimal" value="{{sharePercent}}" placeholder="60">
          {{#shareError}}<p class="field-error" id="share-error">{{.}}</p>{{/shareError}}
        </div>
        <button type="submit" class="primary" id="save-policy">Save Changes</button>
      </form>
      {{/form}}
      {{^form}}<p class="muted small read-only-note" id="policy-read-only">Only admins change the policy.</p>{{/form}}
      {{/policy}}
    </section>
    <section class="card">
      <h2>DSOs</h2>
      <div class="table-wrap">
      <table class="list" id="dsos">
        <thead><tr><th>DSO</th><th>Price now</th><th>Renewable</th><th>CO2</th><th>Energy mix now</th><th>Next 24 h</th><th>Groups</th><th>Feeds</th></tr></thead>
        <tbody>
        {{#dsos}}
          <tr data-dso="{{id}}">
            <td data-label="DSO"><strong>{{name}}</strong><br><span class="muted small">{{id}} · {{capacity}}</span></td>
            <td data-label="Price now" class="num">{{price}} <span class="pill {{quality}}">{{quality}}</span></td>
            <td data-label="Renewable" class="num">{{renewable}}</td>
            <td data-label="CO2" class="num">{{co2}}</td>
            <td data-label="Mix">{{mix}}</td>
            <td data-label="Next 24 h" class="num">{{range}}</td>
            <td data-label="Groups">{{groups}}</td>
            <td data-label="Feeds">{{#feeds}}<div class="feed" data-feed="{{kind}}"><span class="pill {{state}}">{{kind}}: {{state}}</span> <span class="muted small">{{detail}}</span></div>{{/feeds}}{{^feeds}}<span class="muted">no feed: the contract's fallback price</span>{{/feeds}}</td>
          </tr>
        {{/dsos}}
        {{^dsos}}<tr><td colspan="8" class="muted">No DSO is registered: add one with <code>cpms dso add FILE</code> (docs/energy-supply.md).</td></tr>{{/dsos}}
        </tbody>
      </table>
      </div>
    </section>
    <section class="charts" id="charts" data-charts="{{chartsURL}}">
      <div class="chart-grid">
        <figure class="card chart" data-chart="prices"><figcaption>Price forecasts, next 24 hours (surcharge included)</figcaption><div class="chart-box"><canvas aria-label="Each DSO's price forecast for the next 24 hours" role="img"></canvas></div><p class="chart-empty muted" hidden></p></figure>
        <figure class="card chart" data-chart="renewable"><figcaption>Renewable share forecasts, next 24 hours</figcaption><div class="chart-box"><canvas aria-label="Each DSO's renewable share forecast for the next 24 hours" role="img"></canvas></div><p class="chart-empty muted" hidden></p></figure>
      </div>
      <p class="chart-failed error" hidden>The forecasts could not be loaded. Reload the page to try again.</p>
    </section>
    <section class="card" id="plan">
      <h2>Supply plan, next 24 hours</h2>
      {{#groups}}
      <details class="group" data-group="{{group}}"{{#open}} open{{/open}}>
        <summary>{{group}} <span class="muted small">{{now}}</span></summary>
        <div class="table-wrap">
        <table class="list">
          <thead><tr><th>Time</th><th>DSO</th><th>Price</th><th>Cap</th><th>Quality</th><th>Reasons (first window)</th></tr></thead>
          <tbody>
          {{#spans}}
            <tr><td data-label="Time" class="num">{{time}}</td><td data-label="DSO"><strong>{{dso}}</strong></td><td data-label="Price" class="num">{{price}}</td>
              <td data-label="Cap" class="num">{{cap}}</td><td data-label="Quality"><span class="pill {{quality}}">{{quality}}</span></td>
              <td data-label="Reasons"><ul class="reasons">{{#reasons}}<li>{{.}}</li>{{/reasons}}</ul></td></tr>
          {{/spans}}
          </tbody>
        </table>
        </div>
      </details>
      {{/groups}}
      {{^groups}}<p class="muted">No plan yet: the supply service plans when stations are registered.</p>{{/groups}}
    </section>
    <section class="card">
      <h2>Cost per day</h2>
      <div class="table-wrap">
      <table class="list" id="days">
        <thead><tr><th>Day (UTC)</th><th class="num">Energy bought</th><th class="num">Cost</th><th>Per DSO</th></tr></thead>
        <tbody>
        {{#days}}
          <tr><td data-label="Day">{{day}}</td><td data-label="Energy" class="num">{{energy}}</td><td data-label="Cost" class="num">{{cost}}</td><td data-label="Per DSO">{{dsos}}</td></tr>
        {{/days}}
        </tbody>
      </table>
      </div>
      <p class="muted small">The last 7 days (days without energy are left out), from each station's grid meter at each window's planned price.</p>
    </section>
    {{/content}}
    {{/main}}{{/layout}}
    """
}
