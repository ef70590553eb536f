print("stationctl")
