#ifndef PLAIN_SQLITE_H
#define PLAIN_SQLITE_H

/// The reference for the outbox benchmark: libsqlite3 called straight from C, one prepared INSERT per row in
/// autocommit mode, with the outbox's settings (WAL, synchronous=FULL).
typedef struct plain_sqlite plain_sqlite;

plain_sqlite *plain_sqlite_open(const char *path);
/// Inserts `count` rows in one transaction; returns 0 on success.
int plain_sqlite_insert(plain_sqlite *db, const char *payload, int count);
void plain_sqlite_close(plain_sqlite *db);

#endif
