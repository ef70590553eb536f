extension PortalTemplates {
    /// `/portal/bookings`: a station's calendar by socket (day or week) with free slots; the maintenance form and
    /// the cancel buttons only for the roles that may use them.
    static let bookings = """
    {{<layout}}{{$main}}
    {{#content}}
    <div class="page-head"><h1>Bookings</h1><p class="muted small">Times are UTC. Free slots come from the booking calendar's search.</p></div>
    <section class="card calendar-controls">
      <form method="get" action="/portal/bookings" class="calendar-pick" id="calendar-pick">
        <span class="pick-field"><label for="pick-station">Station</label>
        <select id="pick-station" name="station">{{#stations}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{id}}</option>{{/stations}}</select></span>
        <span class="pick-field"><label for="pick-date">Day</label>
        <input id="pick-date" name="date" type="date" value="{{date}}">
        <input type="hidden" name="view" value="{{view}}">
        <button type="submit" class="secondary">Show</button></span>
      </form>
      <div class="calendar-nav">
        <a class="button-link" href="{{previousHref}}" id="calendar-previous">‹ Previous</a>
        <a class="button-link" href="{{todayHref}}">Today</a>
        <a class="button-link" href="{{nextHref}}" id="calendar-next">Next ›</a>
        <span class="view-switch"><a href="{{dayHref}}" class="{{#isDay}}current{{/isDay}}" id="view-day">Day</a><a href="{{weekHref}}" class="{{#isWeek}}current{{/isWeek}}" id="view-week">Week</a></span>
      </div>
      <h2 class="range-label" id="range-label">{{station}} · {{rangeLabel}}</h2>
    </section>
    {{#conflict}}
    <section class="card conflict" id="conflict" role="alert">
      <h2>The time is taken</h2>
      <p>{{text}}</p>
    </section>
    {{/conflict}}
    {{^hasSockets}}<section class="card empty">No station has sockets in the booking calendar yet: an admin describes them first (<code>cpms evse set</code> or the API).</section>{{/hasSockets}}
    <div class="sockets-calendar view-{{view}}">
    {{#sockets}}
      <section class="card socket-calendar" id="socket-{{evse}}" data-evse="{{evse}}">
        <header><h2>{{label}}</h2><span class="muted small">{{connectors}}</span></header>
        <div class="calendar-days">
        {{#days}}
        <div class="calendar-day">
        <h3 class="day-label">{{label}}</h3>
        {{#isEmpty}}<p class="muted small">Nothing booked, and no free time left.</p>{{/isEmpty}}
        <ul class="calendar-items">
        {{#items}}
          <li class="calendar-item item-{{kind}}{{^active}} inactive{{/active}}" data-kind="{{kind}}" data-entry="{{id}}">
            <span class="item-time">{{time}}</span>
            <span class="item-main"><strong>{{title}}</strong>{{#status}} <span class="item-status">{{.}}</span>{{/status}}<br><span class="small">{{detail}}</span>{{#id}}<br><code class="muted small item-id">{{.}}</code>{{/id}}</span>
            {{#selectHref}}<a class="button-link select-slot" href="{{.}}">Select</a>{{/selectHref}}
            {{#cancel}}<form method="post" action="{{action}}" class="cancel-entry">
              <input type="hidden" name="_csrf" value="{{csrf}}"><input type="hidden" name="entry" value="{{entry}}">
              <input type="hidden" name="station" value="{{station}}"><input type="hidden" name="date" value="{{date}}"><input type="hidden" name="view" value="{{view}}">
              <button type="submit" class="danger small">{{label}}</button></form>{{/cancel}}
          </li>
        {{/items}}
        </ul>
        </div>
        {{/days}}
        </div>
      </section>
    {{/sockets}}
    </div>
    {{#form}}
    <section class="card" id="maintenance">
      <h2>Maintenance</h2>
      <p class="muted small">Select a free slot above, or write the times (UTC, on {{slotStepMinutes}}-minute boundaries). The socket is taken out of service at the start; the eMSPs are sent its status schedule at once.</p>
      <form method="post" action="/portal/bookings/maintenance" class="stacked inline-submit" id="maintenance-form">
        <input type="hidden" name="_csrf" value="{{csrf}}">
        <input type="hidden" name="station" value="{{station}}"><input type="hidden" name="date" value="{{date}}"><input type="hidden" name="view" value="{{view}}">
        <label for="maintenance-evse">Socket</label>
        <select id="maintenance-evse" name="evse">{{#sockets}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/sockets}}</select>
        {{#socketError}}<p class="field-error" id="evse-error">{{.}}</p>{{/socketError}}
        <label for="maintenance-start">Start (YYYY-MM-DD HH:MM, UTC)</label>
        <input id="maintenance-start" name="start" type="text" inputmode="numeric" value="{{start}}" placeholder="2026-01-31 14:00" required>
        {{#startError}}<p class="field-error" id="start-error">{{.}}</p>{{/startError}}
        <label for="maintenance-end">End (YYYY-MM-DD HH:MM, UTC)</label>
        <input id="maintenance-end" name="end" type="text" inputmode="numeric" value="{{end}}" placeholder="2026-01-31 15:00" required>
        {{#endError}}<p class="field-error" id="end-error">{{.}}</p>{{/endError}}
        <label for="maintenance-reason">Reason</label>
        <input id="maintenance-reason" name="reason" type="text" maxlength="500" value="{{reason}}" placeholder="e.g. contactor check" required>
        {{#reasonError}}<p class="field-error" id="reason-error">{{.}}</p>{{/reasonError}}
        <button type="submit" class="primary" id="maintenance-submit">Maintenance</button>
      </form>
    </section>
    {{/form}}
    {{/content}}
    {{/main}}{{/layout}}
    """
}
