/// `/portal/static/portal.css`: the portal's own style sheet (no framework, no CDN); a phone at 375 px wide
/// gets one column, stacked tables and full-width controls.
enum PortalStyleSheet {
    static let css = """
    :root {
      --ink: #1d2733; --muted: #5f6b7a; --line: #d9dee5; --bg: #f3f5f8; --card: #ffffff;
      --brand: #0b5cad; --brand-dark: #084684; --ok: #1e7d3a; --ok-bg: #e3f4e8; --warn: #8a5a00; --warn-bg: #fff3d6;
      --bad: #b42318; --bad-bg: #fde8e6; --idle: #44505e; --idle-bg: #eceff3; --busy: #0b5cad; --busy-bg: #e2eefb;
      font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
      color: var(--ink); background: var(--bg); font-size: 15px; line-height: 1.45;
    }
    * { box-sizing: border-box; }
    body { margin: 0; min-height: 100vh; display: flex; flex-direction: column; }
    a { color: var(--brand); }
    code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.9em; }
    header.top { display: flex; align-items: center; justify-content: space-between; gap: 12px; padding: 10px 20px;
      background: #13293d; color: #fff; }
    header.top .brand { color: #fff; font-weight: 700; font-size: 1.1rem; text-decoration: none; letter-spacing: 0.02em; }
    .account { display: flex; align-items: center; gap: 12px; justify-content: flex-end; min-width: 0; }
    .account .who { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    .role { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 0.8rem; background: var(--idle-bg); color: var(--idle); }
    header.top .role { background: rgba(255,255,255,0.15); color: #fff; }
    .role-admin { background: #efe3fb; color: #5b2a86; }
    .role-technician { background: var(--busy-bg); color: var(--busy); }
    form.logout { margin: 0; }
    .link-button { background: none; border: 1px solid rgba(255,255,255,0.5); color: #fff; border-radius: 6px; padding: 4px 10px;
      font: inherit; cursor: pointer; }
    .link-button:hover { background: rgba(255,255,255,0.12); }
    nav.main-nav { display: flex; gap: 4px; padding: 0 16px; background: #fff; border-bottom: 1px solid var(--line); overflow-x: auto;
      scrollbar-width: none; }
    nav.main-nav::-webkit-scrollbar { display: none; }
    nav.main-nav a { padding: 10px 12px; text-decoration: none; color: var(--muted); border-bottom: 3px solid transparent; white-space: nowrap; }
    nav.main-nav a:hover { color: var(--ink); }
    nav.main-nav a.current { color: var(--ink); border-bottom-color: var(--brand); font-weight: 600; }
    main { flex: 1; width: 100%; max-width: 1200px; margin: 0 auto; padding: 20px; }
    footer.bottom { text-align: center; color: var(--muted); font-size: 0.8rem; padding: 12px; }
    h1 { font-size: 1.5rem; margin: 0 0 4px; }
    h2 { font-size: 1.1rem; margin: 0; }
    .card > h2 { margin-bottom: 12px; }
    .page-head { margin-bottom: 16px; }
    .muted { color: var(--muted); }
    .small { font-size: 0.85rem; }
    .card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 16px 18px; margin-bottom: 16px;
      box-shadow: 0 1px 2px rgba(16,24,40,0.04); }
    .card.narrow { max-width: 420px; margin: 40px auto; }
    .card.empty { color: var(--muted); }
    .notice { padding: 10px 14px; border-radius: 8px; background: var(--ok-bg); color: var(--ok); }
    .notice.error { background: var(--bad-bg); color: var(--bad); }
    .notice.info { background: var(--busy-bg); color: var(--busy); }
    main:has(> .card.narrow) > .notice { max-width: 420px; margin: 40px auto 0; box-sizing: border-box; }
    main:has(> .card.narrow) > .notice + .card.narrow { margin-top: 12px; }
    .error { padding: 10px 12px; border-radius: 8px; background: var(--bad-bg); color: var(--bad); }
    .field-error { color: var(--bad); margin: -6px 0 4px; font-size: 0.9rem; }
    form.stacked { display: flex; flex-direction: column; gap: 8px; max-width: 420px; }
    form.stacked label { font-weight: 600; font-size: 0.9rem; }
    input, select { font: inherit; padding: 9px 10px; border: 1px solid #b8c1cc; border-radius: 6px; background: #fff; width: 100%; }
    input:focus, select:focus { outline: 2px solid var(--brand); outline-offset: 1px; }
    button { font: inherit; cursor: pointer; }
    button.primary { margin-top: 8px; background: var(--brand); color: #fff; border: none; border-radius: 6px; padding: 10px 16px; font-weight: 600; }
    button.primary:hover { background: var(--brand-dark); }
    form.inline-submit button.primary { align-self: flex-start; }
    button.danger { background: #fff; color: var(--bad); border: 1px solid var(--bad); border-radius: 6px; padding: 4px 10px; }
    button.danger:hover { background: var(--bad-bg); }
    .stations { display: grid; grid-template-columns: repeat(auto-fill, minmax(330px, 1fr)); gap: 16px; }
    .station { margin: 0; }
    .station > header { display: flex; justify-content: space-between; align-items: center; gap: 8px; margin-bottom: 10px; }
    .station h2 a { color: var(--ink); text-decoration: none; word-break: break-all; }
    .badge { padding: 2px 10px; border-radius: 12px; font-size: 0.8rem; font-weight: 600; white-space: nowrap; }
    .badge.online { background: var(--ok-bg); color: var(--ok); }
    .badge.offline { background: var(--bad-bg); color: var(--bad); }
    dl.facts { display: grid; grid-template-columns: 1fr 1fr; gap: 8px 16px; margin: 0 0 12px; }
    dl.facts dt { font-size: 0.78rem; color: var(--muted); text-transform: uppercase; letter-spacing: 0.03em; }
    dl.facts dd { margin: 0; font-weight: 600; font-variant-numeric: tabular-nums; }
    dl.facts dd.pending { color: var(--muted); font-weight: 400; }
    ul.sockets { list-style: none; margin: 0 0 8px; padding: 0; display: flex; flex-direction: column; gap: 6px; }
    .socket { display: flex; gap: 8px; align-items: baseline; padding: 6px 10px; border-radius: 6px; background: var(--idle-bg); color: var(--idle); }
    .socket .socket-name { font-weight: 600; min-width: 5.5em; }
    .socket .socket-status { flex: 1; }
    .socket .socket-power { font-variant-numeric: tabular-nums; }
    .socket.status-available { background: var(--ok-bg); color: var(--ok); }
    .socket.status-occupied, .socket.status-reserved { background: var(--busy-bg); color: var(--busy); }
    .socket.status-faulted { background: var(--bad-bg); color: var(--bad); }
    .socket.status-unavailable { background: var(--warn-bg); color: var(--warn); }
    .table-wrap { overflow-x: auto; }
    table.list { width: 100%; border-collapse: collapse; }
    table.list th { text-align: left; font-size: 0.8rem; color: var(--muted); text-transform: uppercase; letter-spacing: 0.03em;
      border-bottom: 1px solid var(--line); padding: 8px; }
    table.list td { border-bottom: 1px solid var(--line); padding: 8px; vertical-align: top; }
    table.list form { margin: 0; }
    code.json { white-space: pre-wrap; word-break: break-word; color: var(--muted); }
    .pager { display: flex; justify-content: space-between; margin: 12px 0 0; }
    @media (max-width: 640px) {
      header.top { padding: 8px 12px; }
      header.top .brand { font-size: 1rem; }
      .account { gap: 8px; }
      nav.main-nav { padding: 0 4px; flex-wrap: wrap; overflow-x: visible; gap: 0 2px; }
      nav.main-nav a { padding: 8px 9px; }
      main { padding: 12px; }
      .stations { grid-template-columns: 1fr; }
      dl.facts { grid-template-columns: 1fr 1fr; }
      .card.narrow { margin: 16px auto; }
      table.list thead { display: none; }
      table.list tr { display: block; border-bottom: 1px solid var(--line); padding: 6px 0; }
      table.list td { display: flex; gap: 8px; border: none; padding: 3px 0; }
      table.list td[data-label]::before { content: attr(data-label); flex: 0 0 6.5em; color: var(--muted); font-size: 0.85rem; }
      form.stacked { max-width: none; }
    }
    """
}
