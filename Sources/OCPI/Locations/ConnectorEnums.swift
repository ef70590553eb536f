/// A connector's plug standard (OCPI ConnectorType).
public enum ConnectorType: String, Codable, Sendable, CaseIterable {
    case chademo = "CHADEMO"
    case chaoji = "CHAOJI"
    case domesticA = "DOMESTIC_A"
    case domesticB = "DOMESTIC_B"
    case domesticC = "DOMESTIC_C"
    case domesticD = "DOMESTIC_D"
    case domesticE = "DOMESTIC_E"
    case domesticF = "DOMESTIC_F"
    case domesticG = "DOMESTIC_G"
    case domesticH = "DOMESTIC_H"
    case domesticI = "DOMESTIC_I"
    case domesticJ = "DOMESTIC_J"
    case domesticK = "DOMESTIC_K"
    case domesticL = "DOMESTIC_L"
    case domesticM = "DOMESTIC_M"
    case domesticN = "DOMESTIC_N"
    case domesticO = "DOMESTIC_O"
    case gbtAc = "GBT_AC"
    case gbtDc = "GBT_DC"
    case iec60309_2Single16 = "IEC_60309_2_single_16"
    case iec60309_2Three16 = "IEC_60309_2_three_16"
    case iec60309_2Three32 = "IEC_60309_2_three_32"
    case iec60309_2Three64 = "IEC_60309_2_three_64"
    case iec62196T1 = "IEC_62196_T1"
    case iec62196T1Combo = "IEC_62196_T1_COMBO"
    case iec62196T2 = "IEC_62196_T2"
    case iec62196T2Combo = "IEC_62196_T2_COMBO"
    case iec62196T3a = "IEC_62196_T3A"
    case iec62196T3c = "IEC_62196_T3C"
    case nema5_20 = "NEMA_5_20"
    case nema6_30 = "NEMA_6_30"
    case nema6_50 = "NEMA_6_50"
    case nema10_30 = "NEMA_10_30"
    case nema10_50 = "NEMA_10_50"
    case nema14_30 = "NEMA_14_30"
    case nema14_50 = "NEMA_14_50"
    case pantographBottomUp = "PANTOGRAPH_BOTTOM_UP"
    case pantographTopDown = "PANTOGRAPH_TOP_DOWN"
    case teslaR = "TESLA_R"
    case teslaS = "TESLA_S"
}

/// Whether a connector is a socket or a fixed cable (OCPI ConnectorFormat).
public enum ConnectorFormat: String, Codable, Sendable, CaseIterable {
    case socket = "SOCKET"
    case cable = "CABLE"
}

/// A connector's current: AC with one, two or three phases, or DC (OCPI PowerType).
public enum PowerType: String, Codable, Sendable, CaseIterable {
    case ac1Phase = "AC_1_PHASE"
    case ac2Phase = "AC_2_PHASE"
    case ac2PhaseSplit = "AC_2_PHASE_SPLIT"
    case ac3Phase = "AC_3_PHASE"
    case dc = "DC"
}
