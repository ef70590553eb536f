// stationd wiring (in progress)
