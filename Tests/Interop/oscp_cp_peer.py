"""PyPI pyoscp 0.1.0 as a DSO's OSCP 2.0 Capacity Provider (`/oscp/cp/2.0`), run in its own venv
(scripts/lib/oscp-cp-venv.sh) by test_cpms_oscp.py: python oscp_cp_peer.py PORT TOKEN_A STATE_DIR.

pyoscp does the registration (it answers cpms's `register` with token A by sending its own `register` with a new
token C), the handshake acknowledgement, and heartbeats from its background job; its Flask-RESTX routes validate
every body. What it received is recorded and served at GET /peer/state (the peer's own route, not OSCP)."""

import json
import logging
import sys
import threading

from flask import Flask, jsonify
import oscp
from oscp.RegistrationManager import RegistrationDictMan, RegistrationMan

PORT = int(sys.argv[1])
TOKEN_A = sys.argv[2]
STATE_DIR = sys.argv[3]
BASE = f"http://127.0.0.1:{PORT}/oscp/cp/2.0"

lock = threading.Lock()
seen = {"adjust": [], "measurements": [], "compliance": [], "heartbeats": [], "handshake_acks": [], "errors": []}


def record(kind, item):
    with lock:
        seen[kind].append(item)


class Registrations(RegistrationDictMan):
    """pyoscp's file-backed registrations with a 1 s background job (the default is 5 s)."""

    def __init__(self):
        self.filename = f"{STATE_DIR}/endpoints.json"
        self.writeJson({})
        RegistrationMan.__init__(self, [{"version": "2.0", "base_url": BASE}], background_interval=1)

    def handleHeartbeat(self, payload):
        try:
            super().handleHeartbeat(payload)
            record("heartbeats", payload)
        except Exception as error:
            record("errors", f"heartbeat {payload}: {error!r}")
            raise

    def handleHandshakeAck(self, payload):
        super().handleHandshakeAck(payload)
        record("handshake_acks", payload)


class CapacityProvider:
    def handleAdjustGroupCapacityForecast(self, payload, token):
        record("adjust", payload)

    def handleGroupCapacityComplianceError(self, payload, token):
        record("compliance", payload)

    def handleUpdateGroupMeasurements(self, payload, token):
        record("measurements", payload)


logging.basicConfig(level=logging.INFO)
registrations = Registrations()
# The constructor empties the file: token A goes in afterwards (PEERS.md).
registrations.writeJson({TOKEN_A: {"register": {"token": None, "base_url": None}}})
registrations.start()

app = Flask(__name__)
app.register_blueprint(oscp.createBlueprint(
    {"registrationmanager": registrations, "capacityprovider": CapacityProvider()}, "cp"))


@app.get("/peer/ready")
def ready():
    return "ok"


@app.get("/peer/state")
def state():
    with lock:
        return jsonify({"endpoints": registrations.getEndpoints(), **json.loads(json.dumps(seen))})


app.run(host="127.0.0.1", port=PORT, threaded=True)
