#ifndef STATIONMASTER_CGPIOD_SHIM_H
#define STATIONMASTER_CGPIOD_SHIM_H

#include <errno.h>
#include <gpiod.h>

static inline int cgpiod_errno(void) { return errno; }

#endif
