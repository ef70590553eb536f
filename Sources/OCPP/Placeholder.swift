// OCPP (in progress)
