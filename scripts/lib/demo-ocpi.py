"""The demo's eMSP: PyPI extrawest-ocpi (Tests/Interop/ocpi_emsp_peer.py, started by scripts/demo) and what it
sees of cpms over OCPI 2.2.1.

  python3 demo-ocpi.py plan CPMS_URL API_TOKEN STATION PEER_URL PEER_TOKEN_A SCENARIO_START STATE_FILE
      publishes the station as an OCPI Location, registers cpms at the eMSP (`cpms emsp register`), lets the eMSP
      push its driver's token DEMO-TOKEN and book socket 1 for it through the Bookings add-on (the slot after the
      demo's maintenance block, see demo-calendar.py); keeps the eMSP's token to cpms in STATE_FILE
  python3 demo-ocpi.py drive CPMS_URL PEER_URL SCENARIO_START STATE_FILE
      the driver arrives in the booked slot (the scenario's third car plugs into socket 1 at 310 s, where the
      reservation holds it): the eMSP sends START_SESSION with the booked token; the CommandResult comes to the
      eMSP's commands receiver, the Session and, once the car is full and leaves, the CDR follow
  python3 demo-ocpi.py show CPMS_URL PEER_URL STATE_FILE
      prints what the eMSP has received (Location, EVSE and tariff pushes, Sessions, CDRs) and the booking's status

Only the standard library: the demo's own python3 runs it; the eMSP runs in its own venv.
"""
import base64
import json
import math
import sys
import time
import urllib.error
import urllib.request
from datetime import datetime, timezone

SLOT_S = 60
FIRST_CAR_LEAVES_S = 180
BOOKED_CAR_ARRIVES_S = 310
DRIVER = {"country_code": "NL", "party_id": "TNM", "uid": "DEMO-TOKEN", "type": "APP_USER", "contract_id": "NL-TNM-C00000001-X",
          "issuer": "extrawest eMSP", "valid": True, "whitelist": "ALLOWED"}
LOCATION = {"name": "Demo square", "address": "Markt 1", "city": "Utrecht", "postal_code": "3511", "country": "NLD",
            "coordinates": {"latitude": "52.09074", "longitude": "5.12142"}, "operator": {"name": "Stationmaster"},
            "parking_type": "ON_STREET", "opening_times": {"twentyfourseven": True}}


def iso(instant):
    return datetime.fromtimestamp(instant, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def request(method, url, headers, body=None):
    call = urllib.request.Request(url, method=method, data=None if body is None else json.dumps(body).encode(),
                                  headers={**headers, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(call, timeout=15) as response:
            return json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        raise SystemExit(f"{method} {url}: {error.code} {error.read().decode()}")


def ocpi(method, url, token, body=None):
    envelope = request(method, url, {"Authorization": "Token " + base64.b64encode(token.encode()).decode()}, body)
    if envelope.get("status_code") != 1000:
        raise SystemExit(f"{method} {url}: {envelope}")
    return envelope.get("data")


def plan(cpms, api_token, station, peer, token_a, scenario_start, state_file):
    api = {"Authorization": f"Bearer {api_token}"}
    request("PUT", f"{cpms}/api/stations/{station}/location", api, LOCATION)
    try:  # the demo's database outlives a run; the eMSP of the last one is gone
        request("DELETE", f"{cpms}/api/emsps/demo-emsp", api)
    except SystemExit:
        pass
    request("POST", f"{cpms}/api/emsps/demo-emsp/register", api, {"versions_url": f"{peer}/ocpi/versions", "token": token_a})
    registrations = request("GET", f"{peer}/peer/state", {})["registrations"]
    token_b = next(iter(registrations.values()))["credentials"]["token"]
    endpoints = {(e["identifier"], e["role"]): e["url"] for e in ocpi("GET", f"{cpms}/ocpi/2.2.1", token_b)["endpoints"]}
    ocpi("PUT", f"{endpoints[('tokens', 'RECEIVER')]}/NL/TNM/{DRIVER['uid']}?type=APP_USER", token_b, {**DRIVER, "last_updated": iso(time.time())})
    location = ocpi("GET", f"{endpoints[('locations', 'SENDER')]}/{station}", token_b)
    # extrawest lists no Bookings receiver (its version details cannot hold the add-on's module), so cpms leaves the
    # add-on out of the version details it shows it; the module answers at its address all the same.
    bookings_url = endpoints.get(("Booking", "SENDER"), f"{cpms}/ocpi/2.2.1/Booking")
    start = math.ceil((float(scenario_start) + FIRST_CAR_LEAVES_S + 5) / SLOT_S) * SLOT_S + SLOT_S
    booking = ocpi("POST", bookings_url, token_b, {
        "country_code": "NL", "party_id": "TNM", "request_id": f"DEMO-{int(time.time())}", "location_id": station,
        "evse_uid": location["evses"][0]["uid"], "authorization_reference": "DEMO-BOOKING",
        "tokens": [{k: DRIVER[k] for k in ("country_code", "party_id", "uid", "type", "contract_id")}],
        "period": {"start_from": iso(start), "end_before": iso(start + 2 * SLOT_S)}})
    with open(state_file, "w") as state:
        json.dump({"token": token_b, "bookings": bookings_url, "booking": booking["id"],
                   "commands": endpoints[("commands", "RECEIVER")], "evse_uid": location["evses"][0]["uid"]}, state)
    print(f"    eMSP demo-emsp (extrawest-ocpi at {peer}) registered; it booked socket 1 ({location['evses'][0]['uid']}) "
          f"for DEMO-TOKEN {iso(start)[11:16]}-{iso(start + 2 * SLOT_S)[11:16]} UTC over OCPI")


def drive(cpms, peer, scenario_start, state_file):
    with open(state_file) as state:
        saved = json.load(state)
    time.sleep(max(0.0, float(scenario_start) + BOOKED_CAR_ARRIVES_S + 5 - time.time()))
    command = f"DEMO-START-{int(time.time())}"
    answer = ocpi("POST", f"{saved['commands']}/START_SESSION", saved["token"], {
        "response_url": f"{peer}/ocpi/emsp/2.2.1/commands/{command}", "token": {**DRIVER, "last_updated": iso(time.time())},
        "location_id": "DEMO-001", "evse_uid": saved["evse_uid"], "authorization_reference": "DEMO-BOOKING"})
    with open(state_file + ".start", "w") as started:
        json.dump({"command": command, "response": answer["result"], "at": iso(time.time())}, started)


def show(cpms, peer, state_file):
    try:
        with open(state_file) as state:
            saved = json.load(state)
    except OSError:
        return
    print("The eMSP (extrawest-ocpi, OCPI 2.2.1), what it has received from cpms:")
    received = request("GET", f"{peer}/peer/requests", {})["requests"]
    kinds = {}
    for record in received:
        module = record["path"].split("/")[4] if record["path"].count("/") >= 4 else record["path"]
        kinds[f"{record['method']} {module}"] = kinds.get(f"{record['method']} {module}", 0) + 1
    print("  calls: " + (", ".join(f"{count} x {kind}" for kind, count in sorted(kinds.items())) or "none yet"))
    try:
        with open(state_file + ".start") as started:
            start = json.load(started)
        results = [json.loads(r["body"] or "{}").get("result") for r in received if r["path"].endswith(f"/commands/{start['command']}")]
        print(f"  START_SESSION for DEMO-TOKEN on socket 1 at {start['at'][11:19]} UTC: {start['response']}, "
              f"CommandResult {results[-1] if results else 'not yet'}")
    except OSError:
        print(f"  START_SESSION for DEMO-TOKEN: when the booked car plugs into socket 1 ({BOOKED_CAR_ARRIVES_S} s into the scenario)")
    objects = request("GET", f"{peer}/peer/state", {})["objects"]
    for location in objects.get("locations", {}).values():
        statuses = ", ".join(f"{e.get('uid')}: {e.get('status')}" for e in location.get("evses", []))
        print(f"  location {location.get('id')}: {statuses}")
    for session in objects.get("sessions", {}).values():
        cost = (session.get("total_cost") or {}).get("incl_vat")
        print(f"  session {session.get('id')}: {session.get('status')}, {session.get('kwh')} kWh, {cost} {session.get('currency')} incl. VAT")
    for cdr in objects.get("cdrs", {}).values():
        print(f"  CDR {cdr.get('id')}: {cdr.get('total_energy')} kWh, {cdr['total_cost'].get('incl_vat')} {cdr.get('currency')} incl. VAT")
    for booking in ocpi("GET", saved["bookings"], saved["token"]) or []:
        if booking["id"] == saved["booking"]:
            print(f"  booking {booking['id']} (socket 1, DEMO-TOKEN): {booking['reservation_status']}")


if __name__ == "__main__":
    if len(sys.argv) == 9 and sys.argv[1] == "plan":
        plan(*sys.argv[2:])
    elif len(sys.argv) == 6 and sys.argv[1] == "drive":
        drive(*sys.argv[2:])
    elif len(sys.argv) == 5 and sys.argv[1] == "show":
        show(*sys.argv[2:])
    else:
        raise SystemExit(__doc__)
