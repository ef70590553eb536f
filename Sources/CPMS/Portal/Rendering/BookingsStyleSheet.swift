/// The Bookings page's part of `/portal/static/portal.css`: sockets side by side on a wide screen, one list per
/// socket below each other on a phone.
enum BookingsStyleSheet {
    static let css = """

    .calendar-controls { display: flex; flex-direction: column; gap: 10px; }
    form.calendar-pick { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; margin: 0; }
    form.calendar-pick label { font-weight: 600; font-size: 0.9rem; min-width: 3.5em; }
    .pick-field { display: flex; align-items: center; gap: 8px; }
    form.calendar-pick select, form.calendar-pick input { width: auto; min-width: 10em; }
    button.secondary, a.button-link { display: inline-block; background: #fff; color: var(--brand); border: 1px solid var(--brand);
      border-radius: 6px; padding: 6px 12px; text-decoration: none; font-size: 0.9rem; white-space: nowrap; }
    button.secondary:hover, a.button-link:hover { background: var(--busy-bg); }
    .calendar-nav { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
    .view-switch { display: inline-flex; margin-left: auto; border: 1px solid var(--line); border-radius: 6px; overflow: hidden; }
    .view-switch a { padding: 6px 14px; text-decoration: none; color: var(--muted); }
    .view-switch a.current { background: var(--brand); color: #fff; }
    .range-label { margin: 0; }
    .card.conflict { border-color: var(--bad); background: var(--bad-bg); color: var(--bad); }
    .card.conflict h2 { margin-bottom: 6px; }
    .card.conflict p { margin: 0; }
    .sockets-calendar { display: grid; grid-template-columns: repeat(auto-fit, minmax(340px, 1fr)); gap: 16px; margin-bottom: 16px; }
    .socket-calendar { margin: 0; }
    .socket-calendar > header { display: flex; justify-content: space-between; align-items: baseline; gap: 8px; margin-bottom: 6px; flex-wrap: wrap; }
    .day-label { font-size: 0.85rem; text-transform: uppercase; letter-spacing: 0.03em; color: var(--muted); margin: 12px 0 6px; }
    ul.calendar-items { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 6px; }
    .calendar-item { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 10px; padding: 8px 10px; border-radius: 6px;
      border-left: 4px solid var(--line); background: var(--idle-bg); }
    .calendar-item .item-time { font-variant-numeric: tabular-nums; font-weight: 600; min-width: 7.5em; }
    .calendar-item .item-main { flex: 1; min-width: 10em; word-break: break-word; }
    .calendar-item .item-id { word-break: break-all; }
    .calendar-item .item-status { font-size: 0.8rem; padding: 0 6px; border-radius: 8px; background: rgba(255,255,255,0.7); }
    .calendar-item form { margin: 0; }
    .item-free { background: var(--ok-bg); border-left-color: var(--ok); }
    .item-booking { background: var(--busy-bg); border-left-color: var(--busy); }
    .item-maintenance { background: var(--warn-bg); border-left-color: var(--warn); }
    .calendar-item.inactive { opacity: 0.6; }
    .calendar-item.inactive strong { text-decoration: line-through; }
    /* A week on a wide screen: each socket across the page, its days as seven columns. */
    @media (min-width: 960px) {
      .sockets-calendar.view-week { grid-template-columns: 1fr; }
      .view-week .calendar-days { display: grid; grid-template-columns: repeat(7, minmax(0, 1fr)); gap: 8px; }
      .view-week .day-label { margin-top: 4px; }
      .view-week .calendar-item { flex-direction: column; align-items: stretch; gap: 4px; padding: 6px 8px; font-size: 0.9rem; }
      .view-week .calendar-item .item-time { min-width: 0; }
      .view-week .calendar-item .item-main { min-width: 0; }
      .view-week .calendar-item .button-link, .view-week .calendar-item button { align-self: flex-start; }
    }
    @media (max-width: 640px) {
      .sockets-calendar { grid-template-columns: 1fr; }
      .view-switch { margin-left: 0; }
      .pick-field { flex: 1 1 100%; }
      form.calendar-pick select, form.calendar-pick input { flex: 1; min-width: 0; }
    }
    """
}
