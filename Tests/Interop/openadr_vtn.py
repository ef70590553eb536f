"""The DSO's OpenADR 2.0b VTN for the interop tests: PyPI openleadr 0.5.36 (run with $OPENADR_VTN_PYTHON, its own venv).

Usage: openadr_vtn.py PORT [TLS_DIR | --scripted-polls]. With TLS_DIR (ca.pem, server.pem, server.key, client.pem) it serves HTTPS, asks
for a client certificate signed by ca.pem, signs its messages with server.pem, and accepts only the VEN whose
certificate fingerprint is client.pem's (openleadr's ven_lookup; message signatures are not required). Serves openleadr's VTN at http://127.0.0.1:PORT/OpenADR2/Simple/2.0b/... and, on the same
port, a control API for the test:
  POST /control/price     {"event_id", "start", "prices": [[minutes, price], ...], "currency"}  (an itemBase currencyPerKWh)
  POST /control/capacity  {"event_id", "start", "shares": [[minutes, share], ...]}  (LOAD_CONTROL x-loadControlCapacity)
  POST /control/modify    {"event_id", "values": [...]}  (new payloads, modificationNumber + 1)
  POST /control/next      {"message": "oadrRegisterReport" | "oadrCreateReport" | "oadrRequestReregistration"}: the answer to
                          the next poll (only with --scripted-polls, which switches openleadr's event queue off)
  GET  /control/state     what happened: registrations, opt responses (from the events' callbacks), every message a VEN
                          posted (service, root element, HTTP status of the answer), and when each event was added
Each add answers {"added_at": unix time}. Prints "READY" when it listens.
"""
from __future__ import annotations

import asyncio
import re
import sys
import time
from datetime import datetime, timedelta, timezone

from aiohttp import web
from openleadr import OpenADRServer, enums, objects, utils

VEN_ID = "ven-cpms-1"
state = {"registrations": [], "opts": [], "messages": [], "added": {}}


def parse_time(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


async def on_create_party_registration(info):
    state["registrations"].append(info.get("ven_name"))
    return VEN_ID, f"reg-{len(state['registrations'])}"


async def on_register_report(report):
    return None


def opt_callback(ven_id, event_id, opt_type):
    state["opts"].append({"ven_id": ven_id, "event_id": event_id, "opt_type": opt_type, "at": time.time()})


@web.middleware
async def record_messages(request, handler):
    body = await request.read() if request.method == "POST" else b""
    response = await handler(request)
    if request.path.startswith("/OpenADR2/"):
        text = body.decode("utf-8", "replace")
        root = re.search(r"<(?:\w+:)?(oadr\w+)[\s>]", text.split("oadrSignedObject", 1)[-1])
        state["messages"].append({
            "service": request.path.rsplit("/", 1)[-1], "message": root.group(1) if root else None,
            "status": response.status, "content_type": request.headers.get("Content-Type"), "body": text,
            "answer": getattr(response, "text", None)})
    return response


def main():
    port = int(sys.argv[1])
    tls = {}
    scripted = sys.argv[2:] == ["--scripted-polls"]
    if len(sys.argv) > 2 and not scripted:
        directory = sys.argv[2]
        fingerprint = utils.certificate_fingerprint(open(f"{directory}/client.pem").read())

        def ven_lookup(ven_id):
            if ven_id != VEN_ID:
                return None
            return {"ven_id": VEN_ID, "ven_name": "cpms-tls", "fingerprint": fingerprint, "registration_id": "reg-1"}
        tls = dict(http_cert=f"{directory}/server.pem", http_key=f"{directory}/server.key", http_ca_file=f"{directory}/ca.pem",
                   cert=f"{directory}/server.pem", key=f"{directory}/server.key", ven_lookup=ven_lookup,
                   verify_message_signatures=False, show_fingerprint=False)
    vtn = OpenADRServer(vtn_id="dso-vtn", http_host="127.0.0.1", http_port=port, requested_poll_freq=timedelta(seconds=10), **tls)
    vtn.add_handler("on_create_party_registration", on_create_party_registration)
    vtn.add_handler("on_register_report", on_register_report)
    vtn.app.middlewares.append(record_messages)

    async def price(request):
        body = await request.json()
        start = parse_time(body["start"])
        intervals, at = [], start
        for minutes, value in body["prices"]:
            intervals.append(objects.Interval(dtstart=at, duration=timedelta(minutes=minutes), signal_payload=value))
            at += timedelta(minutes=minutes)
        event = objects.Event(
            event_descriptor=objects.EventDescriptor(
                event_id=body["event_id"], modification_number=0, market_context="oadr://dso.example/prices",
                event_status="far", created_date_time=datetime.now(timezone.utc)),
            event_signals=[objects.EventSignal(
                intervals=intervals, signal_name="ELECTRICITY_PRICE", signal_type="price", signal_id="price-1",
                measurement=objects.Measurement(name="currencyPerKWh", description="currencyPerKWh", unit=body["currency"], scale="none"))],
            targets=[objects.Target(ven_id=VEN_ID)])
        added_at = time.time()
        vtn.add_raw_event(ven_id=VEN_ID, event=event, callback=opt_callback)
        state["added"][body["event_id"]] = added_at
        return web.json_response({"added_at": added_at})

    async def capacity(request):
        body = await request.json()
        start = parse_time(body["start"])
        intervals, at = [], start
        for minutes, value in body["shares"]:
            intervals.append({"dtstart": at, "duration": timedelta(minutes=minutes), "signal_payload": value})
            at += timedelta(minutes=minutes)
        added_at = time.time()
        vtn.add_event(ven_id=VEN_ID, signal_name="LOAD_CONTROL", signal_type="x-loadControlCapacity", intervals=intervals,
                      callback=opt_callback, event_id=body["event_id"], target={"ven_id": VEN_ID})
        state["added"][body["event_id"]] = added_at
        return web.json_response({"added_at": added_at})

    async def modify(request):
        body = await request.json()
        event = utils.find_by(vtn.events[VEN_ID], "event_descriptor.event_id", body["event_id"])
        for interval, value in zip(utils.getmember(utils.getmember(event, "event_signals")[0], "intervals"), body["values"]):
            utils.setmember(interval, "signal_payload", value)
        number = utils.increment_event_modification_number(event)
        vtn.services["event_service"].event_callbacks[body["event_id"]] = (event, opt_callback)
        added_at = time.time()
        vtn.events_updated[VEN_ID] = True
        state["added"][f"{body['event_id']}/{number}"] = added_at
        return web.json_response({"added_at": added_at, "modification_number": number})

    next_answers = []

    def on_poll(ven_id):
        if not next_answers:
            return None
        kind = next_answers.pop(0)
        if kind == "oadrRegisterReport":
            return "oadrRegisterReport", {"request_id": "vtn-register-report-1", "ven_id": ven_id, "reports": []}
        if kind == "oadrCreateReport":
            return "oadrCreateReport", {"request_id": "vtn-create-report-1", "ven_id": ven_id, "report_requests": [{
                "report_request_id": "rr-1", "report_specifier": {
                    "report_specifier_id": "spec-1", "granularity": timedelta(minutes=15), "report_back_duration": timedelta(minutes=15),
                    "specifier_payloads": [{"r_id": "r-1", "reading_type": "Direct Read"}]}}]}
        return "oadrRequestReregistration", {"ven_id": ven_id}

    async def next_answer(request):
        next_answers.append((await request.json())["message"])
        return web.json_response({"queued": len(next_answers)})

    if scripted:
        vtn.add_handler("on_poll", on_poll)
        # openleadr's own handler of oadrCreatedReport looks up the reports it asked for by hand only.
        vtn.services["report_service"].requested_reports[VEN_ID] = []

    async def get_state(request):
        return web.json_response(state)

    vtn.app.add_routes([
        web.post("/control/next", next_answer), web.post("/control/price", price), web.post("/control/capacity", capacity), web.post("/control/modify", modify),
        web.get("/control/state", get_state)])

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    loop.run_until_complete(vtn.run())
    print("READY", flush=True)
    loop.run_forever()


if __name__ == "__main__":
    main()
