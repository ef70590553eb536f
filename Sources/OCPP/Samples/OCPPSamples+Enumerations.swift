/// Where each enumeration of this module appears in the official schemas.
extension OCPPSamples {
    /// Every enumeration with its raw values and its places in the official schemas, for checking
    /// the values against them.
    public static var enumerations: [OCPPEnumeration] {
        [
            OCPPEnumeration(
                version: .v16, schemaLocations: [
                    "AuthorizeResponse:status",
                    "StartTransactionResponse:status",
                    "StopTransactionResponse:status",
                ],
                values: OCPP16.AuthorizationStatus.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v16, schemaLocations: ["MeterValues:context", "StopTransaction:context"],
                values: OCPP16.ReadingContext.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v16, schemaLocations: ["MeterValues:format", "StopTransaction:format"],
                values: OCPP16.ValueFormat.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v16, schemaLocations: ["MeterValues:measurand", "StopTransaction:measurand"],
                values: OCPP16.Measurand.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v16, schemaLocations: ["MeterValues:phase", "StopTransaction:phase"],
                values: OCPP16.Phase.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v16, schemaLocations: ["MeterValues:location", "StopTransaction:location"],
                values: OCPP16.Location.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v16, schemaLocations: ["MeterValues:unit"],
                values: OCPP16.UnitOfMeasure.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v16, schemaLocations: [
                    "RemoteStartTransaction:chargingProfilePurpose",
                    "SetChargingProfile:chargingProfilePurpose",
                    "ClearChargingProfile:chargingProfilePurpose",
                ],
                values: OCPP16.ChargingProfilePurpose.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v16, schemaLocations: [
                    "RemoteStartTransaction:chargingProfileKind",
                    "SetChargingProfile:chargingProfileKind",
                ],
                values: OCPP16.ChargingProfileKind.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v16, schemaLocations: [
                    "RemoteStartTransaction:recurrencyKind",
                    "SetChargingProfile:recurrencyKind",
                ],
                values: OCPP16.RecurrencyKind.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v16, schemaLocations: [
                    "RemoteStartTransaction:chargingRateUnit",
                    "SetChargingProfile:chargingRateUnit",
                    "GetCompositeSchedule:chargingRateUnit",
                    "GetCompositeScheduleResponse:chargingRateUnit",
                ],
                values: OCPP16.ChargingRateUnit.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v16, schemaLocations: ["BootNotificationResponse:status"],
                values: OCPP16.RegistrationStatus.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v16, schemaLocations: ["ChangeAvailability:type"],
                values: OCPP16.AvailabilityType.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v16, schemaLocations: ["ChangeAvailabilityResponse:status"],
                values: OCPP16.AvailabilityStatus.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v16, schemaLocations: ["ChangeConfigurationResponse:status"],
                values: OCPP16.ConfigurationStatus.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v16, schemaLocations: ["ClearCacheResponse:status"],
                values: OCPP16.ClearCacheStatus.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v16, schemaLocations: ["DataTransferResponse:status"],
                values: OCPP16.DataTransferStatus.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v16, schemaLocations: [
                    "RemoteStartTransactionResponse:status",
                    "RemoteStopTransactionResponse:status",
                ],
                values: OCPP16.RemoteStartStopStatus.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v16, schemaLocations: ["Reset:type"],
                values: OCPP16.ResetType.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v16, schemaLocations: ["ResetResponse:status"],
                values: OCPP16.ResetStatus.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v16, schemaLocations: ["StatusNotification:status"],
                values: OCPP16.ChargePointStatus.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v16, schemaLocations: ["StatusNotification:errorCode"],
                values: OCPP16.ChargePointErrorCode.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v16, schemaLocations: ["StopTransaction:reason"],
                values: OCPP16.StopReason.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v16, schemaLocations: ["UnlockConnectorResponse:status"],
                values: OCPP16.UnlockStatus.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v16, schemaLocations: ["ReserveNowResponse:status"],
                values: OCPP16.ReservationStatus.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v16, schemaLocations: ["CancelReservationResponse:status"],
                values: OCPP16.CancelReservationStatus.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v16, schemaLocations: ["SetChargingProfileResponse:status"],
                values: OCPP16.ChargingProfileStatus.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v16, schemaLocations: ["ClearChargingProfileResponse:status"],
                values: OCPP16.ClearChargingProfileStatus.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v16, schemaLocations: ["GetCompositeScheduleResponse:status"],
                values: OCPP16.GetCompositeScheduleStatus.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v16, schemaLocations: ["TriggerMessage:requestedMessage"],
                values: OCPP16.MessageTrigger.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v16, schemaLocations: ["TriggerMessageResponse:status"],
                values: OCPP16.TriggerMessageStatus.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v16, schemaLocations: ["FirmwareStatusNotification:status"],
                values: OCPP16.FirmwareStatus.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v16, schemaLocations: ["DiagnosticsStatusNotification:status"],
                values: OCPP16.DiagnosticsStatus.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v201, schemaLocations: ["IdTokenEnumType"],
                values: OCPP201.IdTokenKind.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v201, schemaLocations: ["AuthorizationStatusEnumType"],
                values: OCPP201.AuthorizationStatus.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v201, schemaLocations: ["MessageFormatEnumType"],
                values: OCPP201.MessageFormat.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v201, schemaLocations: ["ReadingContextEnumType"],
                values: OCPP201.ReadingContext.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v201, schemaLocations: ["MeasurandEnumType"],
                values: OCPP201.Measurand.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v201, schemaLocations: ["PhaseEnumType"],
                values: OCPP201.Phase.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v201, schemaLocations: ["LocationEnumType"],
                values: OCPP201.Location.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v201, schemaLocations: ["CostKindEnumType"],
                values: OCPP201.CostKind.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v201, schemaLocations: ["ChargingProfilePurposeEnumType"],
                values: OCPP201.ChargingProfilePurpose.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v201, schemaLocations: ["ChargingProfileKindEnumType"],
                values: OCPP201.ChargingProfileKind.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v201, schemaLocations: ["RecurrencyKindEnumType"],
                values: OCPP201.RecurrencyKind.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v201, schemaLocations: ["ChargingRateUnitEnumType"],
                values: OCPP201.ChargingRateUnit.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v201, schemaLocations: ["AttributeEnumType"],
                values: OCPP201.AttributeType.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v201, schemaLocations: ["BootReasonEnumType"],
                values: OCPP201.BootReason.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v201, schemaLocations: ["RegistrationStatusEnumType"],
                values: OCPP201.RegistrationStatus.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v201, schemaLocations: ["GetVariableStatusEnumType"],
                values: OCPP201.GetVariableStatus.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v201, schemaLocations: ["SetVariableStatusEnumType"],
                values: OCPP201.SetVariableStatus.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v201, schemaLocations: ["DataEnumType"],
                values: OCPP201.VariableDataType.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v201, schemaLocations: ["MutabilityEnumType"],
                values: OCPP201.Mutability.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v201, schemaLocations: ["ResetEnumType"],
                values: OCPP201.ResetType.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v201, schemaLocations: ["ResetStatusEnumType"],
                values: OCPP201.ResetStatus.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v201, schemaLocations: ["ConnectorStatusEnumType"],
                values: OCPP201.ConnectorStatus.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v201, schemaLocations: ["OperationalStatusEnumType"],
                values: OCPP201.OperationalStatus.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v201, schemaLocations: ["ChangeAvailabilityStatusEnumType"],
                values: OCPP201.ChangeAvailabilityStatus.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v201, schemaLocations: ["HashAlgorithmEnumType"],
                values: OCPP201.HashAlgorithm.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v201, schemaLocations: ["AuthorizeCertificateStatusEnumType"],
                values: OCPP201.AuthorizeCertificateStatus.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v201, schemaLocations: ["TransactionEventEnumType"],
                values: OCPP201.TransactionEventType.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v201, schemaLocations: ["TriggerReasonEnumType"],
                values: OCPP201.TriggerReason.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v201, schemaLocations: ["ChargingStateEnumType"],
                values: OCPP201.ChargingState.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v201, schemaLocations: ["ReasonEnumType"],
                values: OCPP201.StopReason.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v201, schemaLocations: ["RequestStartStopStatusEnumType"],
                values: OCPP201.RequestStartStopStatus.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v201, schemaLocations: ["MessageTriggerEnumType"],
                values: OCPP201.MessageTrigger.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v201, schemaLocations: ["TriggerMessageStatusEnumType"],
                values: OCPP201.TriggerMessageStatus.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v201, schemaLocations: ["UnlockStatusEnumType"],
                values: OCPP201.UnlockStatus.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v201, schemaLocations: ["ConnectorEnumType"],
                values: OCPP201.ConnectorType.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v201, schemaLocations: ["ReserveNowStatusEnumType"],
                values: OCPP201.ReserveNowStatus.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v201, schemaLocations: ["CancelReservationStatusEnumType"],
                values: OCPP201.CancelReservationStatus.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v201, schemaLocations: ["ReservationUpdateStatusEnumType"],
                values: OCPP201.ReservationUpdateStatus.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v201, schemaLocations: ["ChargingProfileStatusEnumType"],
                values: OCPP201.ChargingProfileStatus.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v201, schemaLocations: ["ClearChargingProfileStatusEnumType"],
                values: OCPP201.ClearChargingProfileStatus.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v201, schemaLocations: ["GenericStatusEnumType"],
                values: OCPP201.GenericStatus.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v201, schemaLocations: ["EventTriggerEnumType"],
                values: OCPP201.EventTrigger.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v201, schemaLocations: ["EventNotificationEnumType"],
                values: OCPP201.EventNotificationType.allCases.map(\.rawValue)),
            OCPPEnumeration(
                version: .v201, schemaLocations: ["DataTransferStatusEnumType"],
                values: OCPP201.DataTransferStatus.allCases.map(\.rawValue)),
            // StopTransaction's schema lists every unit but Hertz (a StopTransactionRequest rule enforces it).
            OCPPEnumeration(
                version: .v16, schemaLocations: ["StopTransaction:unit"],
                values: OCPP16.UnitOfMeasure.allCases.filter { $0 != .hertz }.map(\.rawValue)),
        ]
    }
}
