"""The OCPI module against an independent implementation: PyPI `ocpi-types` 0.3.0 (PEERS.md).

`ocpi-check` (Sources/ocpi-check) reads "KIND<TAB>JSON" lines through the Swift OCPI module and prints what it
writes back, or which field it refused. ocpi-types' models (OCPI 2.2.1, and 2.3.0's Bookings add-on) then judge:
- every sample the Swift module writes is a valid object to ocpi-types, with exactly the fields ocpi-types knows;
- documents built with ocpi-types' own classes are read by the Swift module and written back unchanged;
- every mutation of a sample that ocpi-types refuses, the Swift module refuses too, naming the changed field.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
from pathlib import Path

import pytest
from ocpi_types import v2_2_1 as ocpi
from ocpi_types import v2_3_0_bookings as bookings

REPO_ROOT = Path(__file__).resolve().parents[2]
SAMPLES = REPO_ROOT / "Tests" / "OCPITests" / "Samples"

BOOKING_KINDS = {"BookingLocation", "Calendar", "Timeslot", "Booking", "BookingRequest", "BookingTerms"}


def model(kind: str):
    """ocpi-types' class for an OCPIObjectKind name."""
    return getattr(bookings if kind in BOOKING_KINDS else ocpi, kind)


def samples() -> list[tuple[str, str, dict]]:
    found = []
    for path in sorted(SAMPLES.glob("*.json")):
        kind = path.stem.split("-")[0]
        found.append((path.stem, kind, json.loads(path.read_text())))
    return found


@pytest.fixture(scope="session")
def ocpi_check():
    path = os.environ.get("OCPI_CHECK") or str(REPO_ROOT / ".build" / "debug" / "ocpi-check")
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        pytest.fail(f"ocpi-check not found at {path}: build it with `swift build --product ocpi-check`", pytrace=False)

    def run(documents: list[tuple[str, object]]) -> list[tuple[str, object]]:
        """Each (kind, document) -> ("ok", written document) or ("refused", (field, message))."""
        lines = "".join(f"{kind}\t{json.dumps(doc, ensure_ascii=False)}\n" for kind, doc in documents)
        done = subprocess.run([path], input=lines, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, f"ocpi-check exited {done.returncode}: {done.stderr[-2000:]}"
        answers = done.stdout.splitlines()
        assert len(answers) == len(documents), f"{len(documents)} documents, {len(answers)} answers"
        results = []
        for answer in answers:
            verdict, _, rest = answer.partition("\t")
            if verdict == "ok":
                results.append(("ok", json.loads(rest)))
            else:
                field, _, message = rest.partition("\t")
                results.append(("refused", (field, message)))
        return results

    return run


def ocpi_types_accepts(kind: str, document) -> bool:
    try:
        model(kind).from_dict(document)
        return True
    except Exception:  # ocpi-types reports every failure as a bare AssertionError or ValueError
        return False


def test_every_sample_is_valid_to_ocpi_types_with_exactly_its_fields(ocpi_check):
    found = samples()
    assert {kind for _, kind, _ in found} >= {"Location", "Evse", "Connector", "Tariff", "Session", "Cdr", "Token",
                                               "AuthorizationInfo", "Credentials", "VersionDetails", "StartSession",
                                               "StopSession", "ReserveNow", "CancelReservation", "UnlockConnector",
                                               "CommandResponse", "CommandResult"} | BOOKING_KINDS
    results = ocpi_check([(kind, doc) for _, kind, doc in found])
    for (name, kind, doc), (verdict, written) in zip(found, results):
        assert verdict == "ok", f"{name}: the Swift module refused its own sample: {written}"
        parsed = model(kind).from_dict(written)  # raises on anything ocpi-types finds wrong
        assert parsed.to_dict() == written, f"{name}: ocpi-types reads other fields than the Swift module wrote"
        assert written == doc, f"{name}: written back differently"


def built_with_ocpi_types() -> list[tuple[str, object]]:
    """Objects made with ocpi-types' own classes, written by its to_dict."""
    t = "2026-12-03T10:00:00Z"
    connector = ocpi.Connector(format=ocpi.ConnectorFormat.CABLE, id="7", last_updated=t, max_amperage=125,
                               max_electric_power=50000, max_voltage=400, power_type=ocpi.PowerType.DC,
                               standard=ocpi.ConnectorType.CHADEMO, tariff_ids=["DC"], terms_and_conditions=None)
    evse = ocpi.Evse(capabilities=[ocpi.Capability.RESERVABLE, ocpi.Capability.CHARGING_PROFILE_CAPABLE],
                     connectors=[connector], coordinates=ocpi.GeoLocation("48.137154", "11.576124"), directions=None,
                     evse_id="DE*ABC*E7", floor_level="1", images=None, last_updated=t,
                     parking_restrictions=[ocpi.ParkingRestriction.CUSTOMERS], physical_reference="A7",
                     status=ocpi.Status.OUTOFORDER,
                     status_schedule=[ocpi.StatusSchedule("2026-12-04T08:00:00Z", "2026-12-04T12:00:00Z", ocpi.Status.BLOCKED)],
                     uid="EVSE-7")
    hours = ocpi.Hours(exceptional_closings=None, exceptional_openings=None,
                       regular_hours=[ocpi.RegularHours("08:00", "20:00", 1), ocpi.RegularHours("08:00", "14:00", 6)],
                       twentyfourseven=False)
    business = ocpi.BusinessDetails(logo=ocpi.Image(ocpi.ImageCategory.OWNER, 100, "https://b.example/t.png", "png",
                                                    "https://b.example/l.png", 100), name="Munich Charging", website=None)
    location = ocpi.Location(address="Marienplatz 1", charging_when_closed=False, city="München",
                             coordinates=ocpi.GeoLocation("48.137154", "11.576124"), country="DEU", country_code="DE",
                             directions=[ocpi.DisplayText("de", "Hinterhof")],
                             energy_mix=ocpi.EnergyMix("Green Product", [ocpi.EnergySource(80.0, ocpi.EnergySourceCategory.WATER),
                                                                         ocpi.EnergySource(20.0, ocpi.EnergySourceCategory.SOLAR)],
                                                       None, True, "Stadtwerke"),
                             evses=[evse], facilities=[ocpi.Facility.MUSEUM], id="MUC-1", images=None, last_updated=t,
                             name="Rathaus", opening_times=hours, operator=business, owner=None,
                             parking_type=ocpi.ParkingType.ON_STREET, party_id="ABC", postal_code="80331", publish=True,
                             publish_allowed_to=None, related_locations=None, state=None, suboperator=None,
                             time_zone="Europe/Berlin")
    token = ocpi.Token("DE-XYZ-C0000001-1", "DE", ocpi.ProfileType.FAST, None, None, "XYZ Mobility", "de", t, "XYZ",
                       ocpi.TokenType.APP_USER, "u-77", True, None, ocpi.WhitelistType.ALWAYS)
    cdr_token = ocpi.CdrToken("DE-XYZ-C0000001-1", "DE", "XYZ", ocpi.TokenType.APP_USER, "u-77")
    period = ocpi.ChargingPeriod([ocpi.CdrDimension(ocpi.CdrDimensionType.ENERGY, 4.5),
                                  ocpi.CdrDimension(ocpi.CdrDimensionType.PARKING_TIME, 0.25)], "2026-12-03T10:00:00Z", "DC")
    session = ocpi.Session(ocpi.AuthMethod.WHITELIST, None, cdr_token, [period], "7", "DE", "EUR", None, "EVSE-7", "SES-9",
                           4.5, t, "MUC-1", None, "ABC", "2026-12-03T10:00:00Z", ocpi.SessionStatus.ACTIVE,
                           ocpi.Price(2.1, 2.5))
    slot = bookings.Timeslot(start_from="2026-12-05T09:00:00Z", end_before="2026-12-05T10:00:00Z", min_power=11000.0,
                             max_power=50000.0, green_energy_support=False)
    terms = bookings.BookingTerms(booking_terms=None, cancel_until_minutes=15.0, change_not_allowed=False,
                                  change_until_minutes=30.0, early_start_allowed=None, early_start_time=None,
                                  late_stop_allowed=None, late_stop_time=None, noshow_fee=None, noshow_timeout=20.0,
                                  overlapping_bookings_allowed=None, remote_auth_supported=True, rfid_auth_required=None,
                                  supported_access_methods=[bookings.LocationAccess.OPEN], token_groups_supported=None)
    btoken = bookings.BookingToken(contract_id="DE-XYZ-C0000001-1", country_code="DE", party_id="XYZ",
                                   type=bookings.TokenType.APP_USER, uid="u-77")
    request = bookings.BookingRequest(authorization_reference="REF-1", bookable_parking_option=None, canceled=None,
                                      connector_id=None, country_code="DE", evse_uid="EVSE-7", location_id="MUC-1",
                                      party_id="XYZ", period=slot, power_required=22, request_id="REQ-1", tokens=[btoken])
    status = bookings.BookingRequestStatus(booking_request=request, request_received="2026-12-03T09:00:00Z",
                                           request_status=bookings.ReservationRequestStatus.PENDING)
    booking = bookings.Booking(access_methods=None, authorization_reference="REF-1", bookable_parking_option=None,
                               booking_requests=[status], booking_terms=terms, booking_tokens=[btoken], canceled=None,
                               connector_id=None, country_code="DE", evse_uid="EVSE-7", id="B-1", last_updated=t,
                               location_id="MUC-1", parking_id=None, party_id="ABC", period=slot, request_id="REQ-1",
                               reservation_status=bookings.ReservationStatus.PENDING, tariff_id=["DC"])
    calendar = bookings.Calendar(available_timeslots=[slot], begin_from="2026-12-05T00:00:00Z",
                                 end_before="2026-12-06T00:00:00Z", id="CAL-1", last_updated=t, step_size=300)
    booking_location = bookings.BookingLocation(bookable=bookings.Bookable(ad_hoc=None, reservation_required=True),
                                                bookable_parking_options=None, booking_terms=[terms], calendars=[calendar],
                                                connector_id=None, country_code="DE", evse_uid="EVSE-7", id="BL-1",
                                                last_updated=t, location_id="MUC-1", party_id="ABC", tariff_id=["DC"])
    return [
        ("Location", location.to_dict()), ("Evse", evse.to_dict()), ("Connector", connector.to_dict()),
        ("Hours", hours.to_dict()), ("Token", token.to_dict()), ("Session", session.to_dict()),
        ("StartSession", ocpi.StartSession(None, "7", "EVSE-7", "MUC-1", "https://e.example/cmd/1", token).to_dict()),
        ("ReserveNow", ocpi.ReserveNow(None, "EVSE-7", "2026-12-03T10:15:00Z", "MUC-1", "R-1", "https://e.example/cmd/2", token).to_dict()),
        ("CommandResponse", ocpi.CommandResponse([ocpi.DisplayText("en", "ok")], ocpi.CommandResponseType.ACCEPTED, 20).to_dict()),
        ("CommandResult", ocpi.CommandResult(None, ocpi.CommandResultType.TIMEOUT).to_dict()),
        ("AuthorizationInfo", ocpi.AuthorizationInfo(ocpi.AllowedType.NO_CREDIT, None, None,
                                                     ocpi.LocationReferences(["EVSE-7"], "MUC-1"), token).to_dict()),
        ("Timeslot", slot.to_dict()), ("BookingTerms", terms.to_dict()), ("BookingRequest", request.to_dict()),
        ("Booking", booking.to_dict()), ("Calendar", calendar.to_dict()), ("BookingLocation", booking_location.to_dict()),
    ]


def test_documents_written_by_ocpi_types_are_read_and_written_back_unchanged(ocpi_check):
    documents = built_with_ocpi_types()
    for (kind, doc), (verdict, written) in zip(documents, ocpi_check(documents)):
        assert verdict == "ok", f"{kind} from ocpi-types refused: {written}\n{json.dumps(doc)}"
        assert written == doc, f"{kind} written back differently"


def mutations(document):
    """(path, mutated document) for every field dropped and every string replaced by an unknown value."""
    def walk(node, path):
        if isinstance(node, dict):
            for key, value in node.items():
                yield path + [key], value
                yield from walk(value, path + [key])
        elif isinstance(node, list):
            for index, value in enumerate(node):
                yield path + [index], value
                yield from walk(value, path + [index])

    def replaced(path, value, drop=False):
        copied = copy.deepcopy(document)
        parent = copied
        for step in path[:-1]:
            parent = parent[step]
        if drop:
            del parent[path[-1]]
        else:
            parent[path[-1]] = value
        return copied

    for path, value in list(walk(document, [])):
        if isinstance(path[-1], str):
            yield path, replaced(path, None, drop=True)
        if isinstance(value, str):
            yield path, replaced(path, "NOT_AN_OCPI_VALUE")
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            yield path, replaced(path, "12")
        if isinstance(value, list) and value:
            yield path, replaced(path, {"not": "a list"})


def path_text(path) -> str:
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (("." if text else "") + step)
    return text


def test_whatever_ocpi_types_refuses_the_swift_module_refuses_at_that_field(ocpi_check):
    cases = []
    for name, kind, doc in samples():
        for path, mutated in mutations(doc):
            cases.append((name, kind, path, mutated))
    results = ocpi_check([(kind, mutated) for _, kind, _, mutated in cases])
    refused_by_both = stricter = 0
    disagreements = []
    for (name, kind, path, mutated), (verdict, answer) in zip(cases, results):
        if ocpi_types_accepts(kind, mutated):
            stricter += verdict == "refused"
            continue
        where = path_text(path)
        if path[-1] == "identifier" and verdict == "ok" and answer == mutated:
            # OCPI allows custom modules: the Swift module keeps an unknown identifier, ocpi-types' enum refuses it.
            continue
        if verdict != "refused":
            disagreements.append(f"{name}: ocpi-types refuses {where} changed, the Swift module accepts it")
            continue
        field, message = answer
        parent = path_text(path[:-1])
        if not (field == where or (field and field.startswith(parent))):
            disagreements.append(f"{name}: {where} changed, the Swift module names {field!r} ({message})")
        refused_by_both += 1
    print(f"{len(cases)} mutations: {refused_by_both} refused by both, {stricter} refused only by the Swift module")
    assert not disagreements, "\n".join(disagreements)
    assert refused_by_both > 500
