// Test support (in progress)
