extension PortalStyleSheet {
    /// The Tariffs and eMSPs pages' rules, appended to `portal.css`.
    static let tariffsAndEMSPs = """

    .tariff-element { margin-bottom: 14px; }
    .tariff-element h3 { margin: 8px 0 4px; font-size: 1rem; }
    .restrictions { margin: 0 0 6px; display: flex; flex-wrap: wrap; gap: 6px; }
    .chip { display: inline-block; padding: 2px 10px; border-radius: 12px; background: var(--busy-bg); color: var(--busy); font-size: 0.85rem; }
    .price-input { display: inline-flex; align-items: center; gap: 6px; }
    .price-input input { width: 9em; text-align: right; font-variant-numeric: tabular-nums; }
    .price-input input[aria-invalid="true"] { border-color: var(--bad); background: var(--bad-bg); }
    .price-input .unit { color: var(--muted); white-space: nowrap; }
    td .field-error { margin: 4px 0 0; }
    .num { font-variant-numeric: tabular-nums; }
    .badge.push-delivered { background: var(--ok-bg); color: var(--ok); }
    .badge.push-queued { background: var(--busy-bg); color: var(--busy); }
    .badge.push-failing { background: var(--warn-bg); color: var(--warn); }
    .badge.push-dead-letter { background: var(--bad-bg); color: var(--bad); }
    .badge.push-not-taken, .badge.push-not-pushed { background: var(--idle-bg); color: var(--idle); }
    .badge.party-registered { background: var(--ok-bg); color: var(--ok); }
    .badge.party-pending { background: var(--warn-bg); color: var(--warn); }
    .badge.party-unregistered { background: var(--idle-bg); color: var(--idle); }
    .two-columns { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
    .two-columns .card { margin-bottom: 0; }
    .two-columns + .card { margin-top: 16px; }
    ul.plain { margin: 0; padding-left: 1.1em; }
    .card-head { display: flex; justify-content: space-between; align-items: center; gap: 12px; margin-bottom: 12px; }
    .card-head h2 { margin: 0; }
    .emsp h3 { font-size: 0.95rem; margin: 12px 0 6px; }
    dl.facts.queue { grid-template-columns: repeat(4, 1fr); }
    .url, dl.facts dd.url { word-break: break-all; font-weight: 400; font-size: 0.9rem; }
    .block { display: block; }
    details summary { cursor: pointer; color: var(--brand); margin-top: 8px; }
    @media (max-width: 640px) {
      .two-columns { grid-template-columns: 1fr; }
      .two-columns .card { margin-bottom: 16px; }
      dl.facts.queue { grid-template-columns: 1fr 1fr; }
      table.list.prices td { flex-wrap: wrap; }
      table.list.prices td .field-error { flex-basis: 100%; }
      .price-input input { width: 6em; }
      .price-input .unit { white-space: normal; }
    }
    """
}
