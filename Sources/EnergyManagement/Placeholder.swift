// Energy management (in progress)
