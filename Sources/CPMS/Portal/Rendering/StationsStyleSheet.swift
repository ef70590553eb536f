/// The Stations list's part of `/portal/static/portal.css`: the filter row, and sockets as small chips in a cell.
enum StationsStyleSheet {
    static let css = """

    form.filters { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 12px; }
    form.filters label { display: flex; flex-direction: column; gap: 4px; font-weight: 600; font-size: 0.9rem; }
    form.filters input, form.filters select { width: auto; min-width: 12em; }
    form.filters button.primary { margin-top: 0; }
    .socket-inline { display: inline-block; margin: 0 4px 4px 0; padding: 2px 8px; border-radius: 6px; font-size: 0.85rem;
      background: var(--idle-bg); color: var(--idle); white-space: nowrap; }
    .socket-inline.status-available { background: var(--ok-bg); color: var(--ok); }
    .socket-inline.status-occupied, .socket-inline.status-reserved { background: var(--busy-bg); color: var(--busy); }
    .socket-inline.status-faulted { background: var(--bad-bg); color: var(--bad); }
    .socket-inline.status-unavailable { background: var(--warn-bg); color: var(--warn); }
    @media (max-width: 640px) { form.filters label, form.filters input, form.filters select, form.filters button { width: 100%; } }
    """
}
