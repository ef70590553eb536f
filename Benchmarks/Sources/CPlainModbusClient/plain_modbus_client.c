#include "plain_modbus_client.h"

#include <modbus/modbus.h>
#include <stdlib.h>

struct plain_modbus_client {
    modbus_t *ctx;
};

plain_modbus_client *plain_modbus_connect(const char *host, int port, int unit) {
    modbus_t *ctx = modbus_new_tcp(host, port);
    if (ctx == NULL) return NULL;
    if (modbus_set_slave(ctx, unit) != 0 || modbus_connect(ctx) != 0) {
        modbus_free(ctx);
        return NULL;
    }
    plain_modbus_client *client = malloc(sizeof(*client));
    if (client == NULL) {
        modbus_close(ctx);
        modbus_free(ctx);
        return NULL;
    }
    client->ctx = ctx;
    return client;
}

int plain_modbus_read_holding(plain_modbus_client *client, int address, int count, uint16_t *dest) {
    return modbus_read_registers(client->ctx, address, count, dest);
}

void plain_modbus_close(plain_modbus_client *client) {
    if (client == NULL) return;
    modbus_close(client->ctx);
    modbus_free(client->ctx);
    free(client);
}
