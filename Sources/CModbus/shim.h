#ifndef STATIONMASTER_CMODBUS_SHIM_H
#define STATIONMASTER_CMODBUS_SHIM_H

#include <errno.h>
#include <modbus.h>

/* libmodbus error numbers are macros over MODBUS_ENOBASE that Swift cannot import. */
static inline int cmodbus_enobase(void) { return MODBUS_ENOBASE; }
static inline int cmodbus_embxilfun(void) { return EMBXILFUN; }
static inline int cmodbus_embxilval(void) { return EMBXILVAL; }
static inline int cmodbus_embbadcrc(void) { return EMBBADCRC; }
static inline int cmodbus_embbaddata(void) { return EMBBADDATA; }
static inline int cmodbus_embbadexc(void) { return EMBBADEXC; }
static inline int cmodbus_embmdata(void) { return EMBMDATA; }
static inline int cmodbus_embbadslave(void) { return EMBBADSLAVE; }
static inline int cmodbus_errno(void) { return errno; }
static inline void cmodbus_set_errno(int value) { errno = value; }
static inline int cmodbus_tcp_header_length(void) { return 7; }

#endif
