// Station configuration (in progress)
