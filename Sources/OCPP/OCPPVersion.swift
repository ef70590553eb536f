/// An OCPP version this module speaks.
public enum OCPPVersion: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case v16 = "1.6"
    case v201 = "2.0.1"

    /// The WebSocket subprotocol that selects this version.
    public var subprotocol: String {
        switch self {
        case .v16: "ocpp1.6"
        case .v201: "ocpp2.0.1"
        }
    }

    public var description: String { "OCPP \(rawValue)" }

    /// Every action the version's specification defines (1.6 with its security extension).
    ///
    /// A CALL for one of these that has no handler is answered `NotSupported`; any other action name is
    /// answered `NotImplemented`.
    public var specifiedActions: Set<String> {
        switch self {
        case .v16: Self.actions16
        case .v201: Self.actions201
        }
    }

    private static let actions16: Set<String> = [
        "Authorize", "BootNotification", "CancelReservation", "ChangeAvailability", "ChangeConfiguration",
        "ClearCache", "ClearChargingProfile", "DataTransfer", "DiagnosticsStatusNotification",
        "FirmwareStatusNotification", "GetCompositeSchedule", "GetConfiguration", "GetDiagnostics",
        "GetLocalListVersion", "Heartbeat", "MeterValues", "RemoteStartTransaction", "RemoteStopTransaction",
        "ReserveNow", "Reset", "SendLocalList", "SetChargingProfile", "StartTransaction", "StatusNotification",
        "StopTransaction", "TriggerMessage", "UnlockConnector", "UpdateFirmware",
        // Security extension (Improved security for OCPP 1.6-J).
        "CertificateSigned", "DeleteCertificate", "ExtendedTriggerMessage", "GetInstalledCertificateIds",
        "GetLog", "InstallCertificate", "LogStatusNotification", "SecurityEventNotification", "SignCertificate",
        "SignedFirmwareStatusNotification", "SignedUpdateFirmware",
    ]

    private static let actions201: Set<String> = [
        "Authorize", "BootNotification", "CancelReservation", "CertificateSigned", "ChangeAvailability",
        "ClearCache", "ClearChargingProfile", "ClearDisplayMessage", "ClearVariableMonitoring",
        "ClearedChargingLimit", "CostUpdated", "CustomerInformation", "DataTransfer", "DeleteCertificate",
        "FirmwareStatusNotification", "Get15118EVCertificate", "GetBaseReport", "GetCertificateStatus",
        "GetChargingProfiles", "GetCompositeSchedule", "GetDisplayMessages", "GetInstalledCertificateIds",
        "GetLocalListVersion", "GetLog", "GetMonitoringReport", "GetReport", "GetTransactionStatus",
        "GetVariables", "Heartbeat", "InstallCertificate", "LogStatusNotification", "MeterValues",
        "NotifyChargingLimit", "NotifyCustomerInformation", "NotifyDisplayMessages", "NotifyEVChargingNeeds",
        "NotifyEVChargingSchedule", "NotifyEvent", "NotifyMonitoringReport", "NotifyReport", "PublishFirmware",
        "PublishFirmwareStatusNotification", "ReportChargingProfiles", "RequestStartTransaction",
        "RequestStopTransaction", "ReservationStatusUpdate", "ReserveNow", "Reset", "SecurityEventNotification",
        "SendLocalList", "SetChargingProfile", "SetDisplayMessage", "SetMonitoringBase", "SetMonitoringLevel",
        "SetNetworkProfile", "SetVariableMonitoring", "SetVariables", "SignCertificate", "StatusNotification",
        "TransactionEvent", "TriggerMessage", "UnlockConnector", "UnpublishFirmware", "UpdateFirmware",
    ]
}
