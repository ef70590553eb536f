"""The schema validator behind the OCPPSchemaSamples Swift test must fail on what the schemas forbid.

Builds small sample directories by hand (valid ones pass, broken ones fail with the expected message) so
that a passing Swift test cannot be a validator that checks nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from validate_ocpp_schemas import check


def write_samples(directory: Path, samples: list[tuple[str, str, str, dict]], enumerations: list[dict] | None = None):
    manifest = []
    for index, (version, action, kind, payload) in enumerate(samples):
        name = f"{index}.json"
        (directory / name).write_text(json.dumps(payload))
        manifest.append({"version": version, "action": action, "kind": kind, "variant": "test", "file": name})
    (directory / "manifest.json").write_text(json.dumps(manifest))
    (directory / "enumerations.json").write_text(json.dumps(enumerations or []))


HEARTBEAT_16 = [("1.6", "Heartbeat", "request", {}),
                ("1.6", "Heartbeat", "response", {"currentTime": "2027-01-15T08:00:00Z"})]
RESET_ENUMS_201 = [{"version": "2.0.1", "schemaLocations": ["ResetEnumType"], "values": ["Immediate", "OnIdle"]},
                   {"version": "2.0.1", "schemaLocations": ["ResetStatusEnumType"],
                    "values": ["Accepted", "Rejected", "Scheduled"]}]
RESET_201 = [
    ("2.0.1", "Reset", "request", {"type": "OnIdle", "evseId": 1, "customData": {"vendorId": "x"}}),
    ("2.0.1", "Reset", "response", {"status": "Accepted", "customData": {"vendorId": "x", "extra": 1},
                                    "statusInfo": {"reasonCode": "ok", "additionalInfo": "fine",
                                                   "customData": {"vendorId": "x"}}}),
]


def test_valid_and_complete_samples_pass(tmp_path):
    write_samples(tmp_path, HEARTBEAT_16 + RESET_201, RESET_ENUMS_201)
    failures, stats = check(tmp_path)
    assert failures == []
    assert stats["1.6"]["valid"] == 2 and stats["2.0.1"]["valid"] == 2


@pytest.mark.parametrize("payload, message", [
    ({"idTag": "x" * 21}, "is too long"),
    ({}, "'idTag' is a required property"),
    ({"idTag": 5}, "is not of type 'string'"),
    ({"idTag": "A", "colour": "blue"}, "Additional properties are not allowed"),
])
def test_invalid_16_payloads_fail(tmp_path, payload, message):
    write_samples(tmp_path, [("1.6", "Authorize", "request", payload),
                             ("1.6", "Authorize", "request", {"idTag": "A"})])
    failures, _ = check(tmp_path)
    assert any(message in failure for failure in failures), failures


def test_limits_that_are_not_a_multiple_of_a_tenth_fail_and_tenths_pass(tmp_path):
    profile = {"connectorId": 0, "csChargingProfiles": {
        "chargingProfileId": 1, "stackLevel": 0, "chargingProfilePurpose": "ChargePointMaxProfile",
        "chargingProfileKind": "Absolute", "chargingSchedule": {
            "chargingRateUnit": "A", "chargingSchedulePeriod": [{"startPeriod": 0, "limit": 13.3}]}}}
    write_samples(tmp_path, [("1.6", "SetChargingProfile", "request", profile)])
    assert not [f for f in check(tmp_path)[0] if "multiple" in f]
    profile["csChargingProfiles"]["chargingSchedule"]["chargingSchedulePeriod"][0]["limit"] = 13.33
    write_samples(tmp_path, [("1.6", "SetChargingProfile", "request", profile)])
    assert any("is not a multiple of 0.1" in f for f in check(tmp_path)[0])


@pytest.mark.parametrize("time", ["2027-01-15T08:00:00", "2027-01-15T08:00:00.1234Z", "tomorrow"])
def test_date_times_without_offset_or_with_more_than_three_decimals_fail(tmp_path, time):
    write_samples(tmp_path, [("1.6", "Heartbeat", "response", {"currentTime": time})])
    assert any("is not a 'date-time'" in failure for failure in check(tmp_path)[0])


def test_a_schema_property_no_sample_carries_is_reported(tmp_path):
    write_samples(tmp_path, [("2.0.1", "Reset", "request", {"type": "OnIdle"})], RESET_ENUMS_201)
    failures, _ = check(tmp_path)
    assert any("ResetRequest: property evseId occurs in no sample" in f for f in failures)
    assert any("ResetRequest: property customData occurs in no sample" in f for f in failures)


def test_enumerations_that_differ_from_the_schema_or_are_missing_are_reported(tmp_path):
    wrong = [{"version": "2.0.1", "schemaLocations": ["ResetEnumType"], "values": ["Immediate", "Now"]}]
    write_samples(tmp_path, RESET_201, wrong)
    failures, _ = check(tmp_path)
    assert any("ResetEnumType: ours has extra ['Now'], lacks ['OnIdle']" in f for f in failures)
    assert any("enumeration ResetStatusEnumType is not checked" in f for f in failures)
    write_samples(tmp_path, HEARTBEAT_16 + [("1.6", "Reset", "request", {"type": "Hard"})],
                  [{"version": "1.6", "schemaLocations": ["Reset:type"], "values": ["Hard"]}])
    assert any("Reset:type: ours has extra [], lacks ['Soft']" in f for f in check(tmp_path)[0])
