print("stationd")
