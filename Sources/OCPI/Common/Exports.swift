// The tariff model (Tariff, DisplayText, Price, EnergyMix, ChargingPeriod, OCPIDateTime...) is OCPI's own, kept in
// Tariffs with the pricing engine; users of OCPI see it through this module.
@_exported public import Tariffs
