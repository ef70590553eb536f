"""PyPI extrawest-ocpi (import py_ocpi) as a CPO serving OCPI 2.2.1 Locations from memory: the reference that
scripts/bench-ocpi-locations measures cpms's GET /locations against.

Runs in extrawest's venv (.venv-ocpi-emsp, scripts/lib/ocpi-emsp-venv.sh) under uvicorn, one worker:

    OCPI_HOST=127.0.0.1:PORT PROTOCOL=http PEER_TOKEN=... LOCATIONS_FILE=locations.json \\
        python -m uvicorn ocpi_cpo_peer:app --port PORT --workers 1

The routes, token check, paging headers and the Location model every answer goes through are extrawest's own
(`GET /ocpi/cpo/2.2.1/locations/?offset=&limit=&date_from=&date_to=`). What is ours is only its storage: the
Locations of LOCATIONS_FILE (a JSON list, as cpms served them), parsed once at start, ordered by id, filtered on
last_updated (date_from inclusive, date_to exclusive) and cut in memory. PEER_TOKEN is the one token it accepts.
"""

from __future__ import annotations

import json
import os
from datetime import datetime

from py_ocpi import get_application
from py_ocpi.core.authentication.authenticator import Authenticator
from py_ocpi.core.enums import ModuleID, RoleEnum
from py_ocpi.modules.versions.enums import VersionNumber


def parse_time(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


LOCATIONS: list[dict] = sorted(json.load(open(os.environ["LOCATIONS_FILE"])), key=lambda location: location["id"])
LAST_UPDATED: list[datetime] = [parse_time(location["last_updated"]) for location in LOCATIONS]
BY_ID: dict[str, dict] = {location["id"].lower(): location for location in LOCATIONS}


class PeerAuthenticator(Authenticator):
    @classmethod
    async def get_valid_token_c(cls) -> list[str]:
        return [os.environ.get("PEER_TOKEN", "cpo-peer-token")]

    @classmethod
    async def get_valid_token_a(cls) -> list[str]:
        return []


class LocationsCrud:
    @classmethod
    async def get(cls, module: ModuleID, role: RoleEnum, id, *args, **kwargs):
        return BY_ID.get(str(id).lower()) if module == ModuleID.locations else None

    @classmethod
    async def list(cls, module: ModuleID, role: RoleEnum, filters: dict, *args, **kwargs):
        if module != ModuleID.locations:
            return [], 0, True
        date_from, date_to = filters.get("date_from"), filters.get("date_to")
        matching = [location for location, updated in zip(LOCATIONS, LAST_UPDATED)
                    if (date_from is None or updated >= date_from) and (date_to is None or updated < date_to)]
        offset, limit = filters["offset"], filters["limit"]
        return matching[offset:offset + limit], len(matching), offset + limit >= len(matching)

    @classmethod
    async def create(cls, *args, **kwargs):
        return None

    @classmethod
    async def update(cls, *args, **kwargs):
        return None

    @classmethod
    async def delete(cls, *args, **kwargs):
        return None

    @classmethod
    async def do(cls, *args, **kwargs):
        return None


app = get_application(
    version_numbers=[VersionNumber.v_2_2_1],
    roles=[RoleEnum.cpo],
    crud=LocationsCrud,
    modules=[ModuleID.locations],
    authenticator=PeerAuthenticator,
)


@app.get("/peer/ready")
async def peer_ready():
    return {"ok": True, "locations": len(LOCATIONS)}
