"""PyPI extrawest-ocpi (import py_ocpi) as an eMSP for OCPI 2.2.1, for the cpms interop tests.

Runs in its own venv (.venv-ocpi-emsp: extrawest-ocpi pins fastapi 0.101, pydantic 1, httpx 0.24) under uvicorn:

    OCPI_HOST=127.0.0.1:PORT PROTOCOL=http PEER_TOKEN_A=... python -m uvicorn ocpi_emsp_peer:app --port PORT

The OCPI side is extrawest's own (versions, details, credentials and the receivers it offers as eMSP). What is
ours is only its storage: an in-memory Crud (credentials keyed by the token the CPO calls it with; every other
module's objects by module and id) and an Authenticator over it. Token A is PEER_TOKEN_A, spent by a
registration. `/peer/...` (outside /ocpi) lets a test read that storage and add tokens the eMSP accepts.

Every request under /ocpi is recorded once answered (method, path, X-Request-ID, body, time, HTTP status):
`GET /peer/requests?since=N` lists them from index N; with PEER_RECORD_FILE set each record is also appended to
that file as a JSON line (it outlives a restart of the peer). PEER_TOKENS_FILE (one token per line, read at start)
adds accepted tokens, so that a restarted peer still takes the CPO's calls.
"""

from __future__ import annotations

import json
import os
import secrets
import time

from fastapi import Body

from py_ocpi import get_application
from py_ocpi.core.authentication.authenticator import Authenticator
from py_ocpi.core.enums import ModuleID, RoleEnum
from py_ocpi.modules.versions.enums import VersionNumber

VERSIONS_URL = f"{os.environ.get('PROTOCOL', 'http')}://{os.environ['OCPI_HOST']}/ocpi/versions"
ROLE = {"role": "EMSP", "party_id": "TNM", "country_code": "NL", "business_details": {"name": "extrawest eMSP"}}


class State:
    token_a: set[str] = {os.environ.get("PEER_TOKEN_A", "peer-token-a")}
    # token the CPO calls the eMSP with -> the CPO's credentials and endpoints as it gave them
    registrations: dict[str, dict] = {}
    # tokens the test added (its own registration at cpms gives cpms one of these)
    extra_tokens: set[str] = set()
    # module -> id -> object, for the receivers
    objects: dict[str, dict[str, dict]] = {}
    # every request under /ocpi, once answered
    requests: list[dict] = []


RECORD_FILE = os.environ.get("PEER_RECORD_FILE")
if os.environ.get("PEER_TOKENS_FILE") and os.path.exists(os.environ["PEER_TOKENS_FILE"]):
    with open(os.environ["PEER_TOKENS_FILE"]) as tokens:
        State.extra_tokens.update(line.strip() for line in tokens if line.strip())


class RequestRecorder:
    """ASGI middleware: records each /ocpi request with its body and the status it was answered with."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or not scope["path"].startswith("/ocpi/"):
            return await self.app(scope, receive, send)
        chunks: list[bytes] = []
        answered: dict = {}

        async def receive_and_keep():
            message = await receive()
            if message["type"] == "http.request":
                chunks.append(message.get("body", b""))
            return message

        async def send_and_keep(message):
            if message["type"] == "http.response.start":
                answered["status"] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive_and_keep, send_and_keep)
        finally:
            headers = {key.decode("latin-1").lower(): value.decode("latin-1") for key, value in scope.get("headers", [])}
            record = {
                "method": scope["method"], "path": scope["path"], "request_id": headers.get("x-request-id"),
                "body": b"".join(chunks).decode("utf-8", "replace"), "time": time.time(), "status": answered.get("status"),
            }
            State.requests.append(record)
            if RECORD_FILE:
                with open(RECORD_FILE, "a") as file:
                    file.write(json.dumps(record) + "\n")


def own_credentials(token: str) -> dict:
    return {"token": token, "url": VERSIONS_URL, "roles": [ROLE]}


class PeerAuthenticator(Authenticator):
    @classmethod
    async def get_valid_token_c(cls) -> list[str]:
        return list(State.registrations) + list(State.extra_tokens)

    @classmethod
    async def get_valid_token_a(cls) -> list[str]:
        return list(State.token_a)


def object_id(data: dict) -> str:
    return str(data.get("id") or data.get("uid") or data.get("country_code", "") + data.get("party_id", ""))


class PeerCrud:
    @classmethod
    async def get(cls, module: ModuleID, role: RoleEnum, id, *args, **kwargs):
        if module == ModuleID.credentials_and_registration:
            token = kwargs.get("auth_token")
            return own_credentials(token) if token in State.registrations else None
        return State.objects.get(module.value, {}).get(str(id))

    @classmethod
    async def list(cls, module: ModuleID, role: RoleEnum, filters: dict, *args, **kwargs):
        found = list(State.objects.get(module.value, {}).values())
        return found, len(found), True

    @classmethod
    async def create(cls, module: ModuleID, role: RoleEnum, data: dict, *args, **kwargs):
        if module == ModuleID.credentials_and_registration:
            State.token_a.discard(kwargs.get("auth_token"))
            token_c = secrets.token_urlsafe(24)
            State.registrations[token_c] = data
            return own_credentials(token_c)
        State.objects.setdefault(module.value, {})[object_id(data)] = data
        return data

    @classmethod
    async def update(cls, module: ModuleID, role: RoleEnum, data: dict, id, *args, **kwargs):
        if module == ModuleID.credentials_and_registration:
            State.registrations.pop(kwargs.get("auth_token"), None)
            token_c = secrets.token_urlsafe(24)
            State.registrations[token_c] = data
            return own_credentials(token_c)
        stored = State.objects.setdefault(module.value, {}).setdefault(str(id), {})
        stored.update(data)
        return stored

    @classmethod
    async def delete(cls, module: ModuleID, role: RoleEnum, id, *args, **kwargs):
        if module == ModuleID.credentials_and_registration:
            State.registrations.pop(kwargs.get("auth_token"), None)
            return
        State.objects.get(module.value, {}).pop(str(id), None)

    @classmethod
    async def do(cls, module: ModuleID, role: RoleEnum | None, action, *args, data: dict | None = None, **kwargs):
        return None


app = get_application(
    version_numbers=[VersionNumber.v_2_2_1],
    roles=[RoleEnum.emsp],
    crud=PeerCrud,
    modules=[
        ModuleID.credentials_and_registration, ModuleID.locations, ModuleID.sessions, ModuleID.cdrs, ModuleID.tariffs,
        ModuleID.tokens, ModuleID.commands,
    ],
    authenticator=PeerAuthenticator,
)


app.add_middleware(RequestRecorder)


@app.get("/peer/requests")
async def peer_requests(since: int = 0):
    return {"requests": State.requests[since:], "count": len(State.requests)}


@app.get("/peer/state")
async def peer_state():
    return {
        "token_a": sorted(State.token_a),
        "registrations": State.registrations,
        "objects": State.objects,
    }


@app.post("/peer/tokens")
async def peer_add_token(token: str = Body(..., embed=True)):
    State.extra_tokens.add(token)
    return {"tokens": sorted(State.extra_tokens)}


@app.get("/peer/ready")
async def peer_ready():
    return {"ok": True}
