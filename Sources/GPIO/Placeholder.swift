// GPIO: libgpiod 1.6 wrapper (in progress)
