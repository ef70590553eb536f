"""Prints what cpms has stored for a station, for the demo screen: python3 cpms-summary.py URL TOKEN STATION."""
import json
import sys
import urllib.request

url, token, station = sys.argv[1:4]


def get(path):
    request = urllib.request.Request(f"{url}/api/{path}", headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=3) as response:
        return json.loads(response.read())


try:
    detail = get(f"stations/{station}")
    done = [t for t in get(f"stations/{station}/transactions?limit=1000")["transactions"] if t.get("ended_at")]
    records = get(f"charging-records?station={station}&limit=3")
except Exception as error:  # the demo screen shows the problem instead of stopping
    print(f"  (cpms not answering: {error})")
    sys.exit(0)
print(f"  {station} {'connected' if detail['connected'] else 'offline'}, last seen {detail.get('last_seen')}, "
      f"{detail.get('duplicates_ignored', 0)} replayed messages recognised")
print("  EVSEs: " + ", ".join(f"{e['evse']} {e['status']}" for e in detail.get("evses", [])))
for session in detail.get("open_sessions", []):
    print(f"  open session {session['transaction_id'][:8]} on EVSE {session.get('evse')}: "
          f"{len(session.get('events', []))} events, {session.get('energy_wh') or 0:.0f} Wh")
print(f"  {len(done)} finished sessions, {sum(t.get('energy_wh') or 0 for t in done) / 1000:.2f} kWh")
for record in records:
    total = record.get("total")
    price = (f"{total['incl_vat']:.2f} {record['currency']} incl. VAT ({record['tariff_id']} v{record['tariff_version']})"
             if total else record["price_status"].replace("_", " "))
    energy = f"{record['energy_kwh']:.2f} kWh" if record.get("energy_kwh") is not None else "energy unknown"
    print(f"  session {record['transaction_id'][:8]} on EVSE {record.get('evse')}: {energy}, {price}")
battery = detail.get("latest_battery_telemetry")
if battery:
    print(f"  battery {battery['soc_percent']:.1f} %, {battery['power_w'] / 1000:+.1f} kW (+ charging), {battery['mode']}")

try:
    plan = get(f"supply/plan?group={station}")
    summary = get("supply/summary")
except Exception as error:
    print(f"  (no supply plan: {error})")
    sys.exit(0)
if plan:
    now = plan[0]
    print(f"  buying from {now.get('dso') or '(no DSO)'} at {now['price_per_kwh']:.2f} {now['currency']}/kWh "
          f"({now['quality']}, {(now.get('renewable_share') or 0) * 100:.0f} % renewable): {'; '.join(now['reasons'][:1])}")
    change = next((w for w in plan[1:] if w.get("dso") != now.get("dso")), None)
    if change:
        print(f"  from {change['window_start'][11:16]} UTC: {change.get('dso') or '(no DSO)'} at {change['price_per_kwh']:.2f} "
              f"{change['currency']}/kWh")
today = next((s for s in summary.get("stations", []) if s.get("station") == station), None)
if today:
    print(f"  bought today: {today['energy_wh'] / 1000:.2f} kWh for {today['cost']:.2f} {summary.get('currency') or ''}")
