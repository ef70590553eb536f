/// The Station and Energy pages' part of `/portal/static/portal.css` (appended to the foundation's sheet).
enum SupplyPagesStyleSheet {
    static let css = """

    .crumbs { margin: 0 0 4px; font-size: 0.85rem; color: var(--muted); }
    .crumbs a { color: var(--muted); }
    .title-row { display: flex; align-items: center; gap: 10px; flex-wrap: wrap; }
    .title-row h1 { margin: 0; word-break: break-all; }
    .pill { display: inline-block; padding: 1px 9px; border-radius: 10px; font-size: 0.82rem; font-weight: 600; white-space: nowrap;
      background: var(--idle-bg); color: var(--idle); }
    .pill.status-available, .pill.enabled, .pill.fresh { background: var(--ok-bg); color: var(--ok); }
    .pill.status-occupied, .pill.status-reserved { background: var(--busy-bg); color: var(--busy); }
    .pill.status-faulted, .pill.disabled, .pill.failing { background: var(--bad-bg); color: var(--bad); }
    .pill.status-unavailable, .pill.stale, .pill.fallback { background: var(--warn-bg); color: var(--warn); }
    table.list td.num, table.list th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    .charts { margin-bottom: 16px; }
    .charts-note { margin: 0 0 8px; }
    .chart-grid { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 16px; }
    .chart-grid .card { margin: 0; }
    figure.chart { margin: 0; min-width: 0; }
    figure.chart figcaption { font-weight: 600; margin-bottom: 8px; }
    .chart-box { position: relative; height: 240px; }
    .chart-empty { margin: 0; padding: 24px 0; text-align: center; }
    .chart-grid.single { grid-template-columns: 1fr; }
    .reasons { margin: 0; padding-left: 18px; }
    .reasons li { margin: 1px 0; }
    details.group { border-top: 1px solid var(--line); padding: 8px 0; }
    details.group:first-of-type { border-top: none; }
    details.group summary { cursor: pointer; font-weight: 600; display: flex; gap: 10px; flex-wrap: wrap; align-items: baseline; }
    details.group summary .muted { font-weight: 400; }
    .policy-now { margin: 0 0 12px; }
    form#policy-form { max-width: 640px; }
    fieldset.policy { border: none; padding: 0; margin: 0; display: flex; flex-direction: column; gap: 6px; }
    fieldset.policy legend { font-weight: 600; font-size: 0.9rem; margin-bottom: 4px; }
    label.choice { display: flex; gap: 8px; align-items: baseline; font-weight: 400; }
    label.choice input { width: auto; }
    .param-row { display: grid; grid-template-columns: 1fr; gap: 4px; margin: 4px 0 0 26px; }
    .param-row input { max-width: 160px; }
    .read-only-note { margin: 8px 0 0; }
    @media (max-width: 640px) {
      .chart-grid { grid-template-columns: 1fr; }
      .chart-box { height: 220px; }
      table.list td.num { justify-content: flex-start; text-align: left; }
      .param-row { margin-left: 0; }
    }
    """
}
