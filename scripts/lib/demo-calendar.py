"""The demo's booking calendar in cpms.

  python3 demo-calendar.py plan URL TOKEN STATION SCENARIO_START   describes the station's two EVSEs, then puts
      socket 1 into maintenance for a minute once the scenario's first car has left it (180 s into the
      scenario); the demo's eMSP books the two minutes after that for DEMO-TOKEN over OCPI (demo-ocpi.py)
  python3 demo-calendar.py show URL TOKEN STATION                   prints the calendar and the executed actions

Socket 1 carries both: the scenario's second car charges on socket 2 to the end, and a maintenance block
there would wait for that session (ChangeAvailability Scheduled).
"""
import json
import math
import sys
import urllib.error
import urllib.request
from datetime import datetime, timezone

SLOT_S = 60
FIRST_CAR_LEAVES_S = 180


def call(url, token, method, path, body=None):
    request = urllib.request.Request(
        f"{url}/api/{path}", method=method, data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        raise SystemExit(f"cpms refused {method} /api/{path}: {error.code} {error.read().decode()}")


def iso(instant):
    return datetime.fromtimestamp(instant, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def clock(text):
    return text[11:19] if text else "-"


def plan(url, token, station, scenario_start):
    for evse in (1, 2):
        call(url, token, "PUT", f"stations/{station}/evses/{evse}/connectors/1",
             {"standard": "IEC_62196_T2", "power_type": "AC_3_PHASE", "max_electric_power": 22000})
    start = math.ceil((float(scenario_start) + FIRST_CAR_LEAVES_S + 5) / SLOT_S) * SLOT_S
    call(url, token, "POST", "calendar/maintenance", {
        "station": station, "evse_id": 1, "start": iso(start), "end": iso(start + SLOT_S),
        "technician": "demo", "reason": "contactor check"})
    print(f"    socket 1: maintenance {clock(iso(start))}-{clock(iso(start + SLOT_S))} UTC "
          "(the demo's eMSP books the slot after it over OCPI: demo-ocpi.py)")


def show(url, token, station):
    try:
        entries = call(url, token, "GET", f"calendar/entries?station={station}")
        actions = call(url, token, "GET", f"calendar/actions?station={station}")
    except (SystemExit, OSError) as error:  # the demo screen shows the problem instead of stopping
        print(f"  (calendar not available: {error})")
        return
    for entry in entries[-4:]:
        who = f"for {entry['token']['uid']}" if entry["kind"] == "booking" else f"({entry.get('reason')})"
        print(f"  {entry['kind']} EVSE {entry['evse_id']} {clock(entry['start'])}-{clock(entry['end'])} {who}: {entry['status']}")
    done = sorted(actions, key=lambda a: a["executed_at"])[-4:]
    print("  sent to the station: " + ("; ".join(f"{clock(a['executed_at'])} {a['kind']} EVSE {a['evse_id']} {a['outcome']}"
                                                 for a in done) or "nothing yet"))


if __name__ == "__main__":
    if len(sys.argv) == 6 and sys.argv[1] == "plan":
        plan(*sys.argv[2:6])
    elif len(sys.argv) == 5 and sys.argv[1] == "show":
        show(*sys.argv[2:5])
    else:
        sys.exit(__doc__)
