#ifndef PLAIN_MODBUS_CLIENT_H
#define PLAIN_MODBUS_CLIENT_H

#include <stdint.h>

/* A plain libmodbus TCP client, the reference the Swift client is measured against. */
typedef struct plain_modbus_client plain_modbus_client;

plain_modbus_client *plain_modbus_connect(const char *host, int port, int unit);
/* Reads `count` holding registers at `address` into `dest`; returns the count read or -1. */
int plain_modbus_read_holding(plain_modbus_client *client, int address, int count, uint16_t *dest);
void plain_modbus_close(plain_modbus_client *client);

#endif
