"""schemathesis hooks for test_cpms_openapi.py (loaded through SCHEMATHESIS_HOOKS): the check that a refused request
changes nothing.

`refusal_changes_nothing` keeps a snapshot of cpms's stored state (read through the API with CPMS_SNAPSHOT_TOKEN
at CPMS_SNAPSHOT_URL): after every accepted change it reads the snapshot again; after every refused change
(HTTP 4xx, or an OCPI envelope with a status code from 2000 up) the state read must equal the one kept."""

from __future__ import annotations

import json
import os
import urllib.request

import schemathesis

# What a change can touch; read as the admin would. Paths with timestamps of their own that move by themselves
# (feeds, plans, the push queue) are left out.
SNAPSHOT_PATHS = [
    "/api/stations/ST-0001", "/api/stations/ST-0001/location", "/api/evses", "/api/tariffs", "/api/emsps", "/api/dsos",
    "/api/supply/groups", "/api/supply/policy", "/api/supply/requests", "/api/calendar/entries", "/api/ocpi/cdrs",
]
VOLATILE_KEYS = {"last_seen", "connected", "open_sessions"}
MUTATING = {"POST", "PUT", "PATCH", "DELETE"}


def _strip(value):
    if isinstance(value, dict):
        return {key: _strip(item) for key, item in value.items() if key not in VOLATILE_KEYS}
    if isinstance(value, list):
        return [_strip(item) for item in value]
    return value


def snapshot() -> dict:
    base, token = os.environ["CPMS_SNAPSHOT_URL"], os.environ["CPMS_SNAPSHOT_TOKEN"]
    state = {}
    for path in SNAPSHOT_PATHS:
        request = urllib.request.Request(base + path, headers={"Authorization": f"Bearer {token}"})
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                state[path] = _strip(json.loads(answer.read() or b"null"))
        except urllib.error.HTTPError as error:
            state[path] = error.code
    return state


def refused(response) -> bool:
    if 400 <= response.status_code < 500:
        return True
    if response.status_code == 200 and response.headers.get("content-type", [""])[0].startswith("application/json"):
        try:
            code = json.loads(response.content or b"null").get("status_code")
        except (ValueError, AttributeError):
            return False
        return isinstance(code, int) and code >= 2000
    return False


class _Kept:
    state: dict | None = None


@schemathesis.check
def refusal_changes_nothing(ctx, response, case):
    """A request cpms refused left every stored thing as it was."""
    if case.method.upper() not in MUTATING:
        return None
    if not refused(response) or _Kept.state is None:
        _Kept.state = snapshot()
        return None
    now = snapshot()
    before, _Kept.state = _Kept.state, now
    changed = [path for path in SNAPSHOT_PATHS if before.get(path) != now.get(path)]
    if changed:
        details = "; ".join(f"{path}: {json.dumps(before.get(path))[:300]} -> {json.dumps(now.get(path))[:300]}" for path in changed)
        raise AssertionError(f"{case.method} {case.path} was refused ({response.status_code}) but changed {details}")
    return None
