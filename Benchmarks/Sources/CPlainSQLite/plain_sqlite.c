#include "plain_sqlite.h"

#include <sqlite3.h>
#include <stdlib.h>

struct plain_sqlite {
    sqlite3 *db;
    sqlite3_stmt *insert;
};

plain_sqlite *plain_sqlite_open(const char *path) {
    plain_sqlite *p = calloc(1, sizeof *p);
    if (!p || sqlite3_open(path, &p->db) != SQLITE_OK) { free(p); return NULL; }
    const char *setup =
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
        "CREATE TABLE IF NOT EXISTS outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, action TEXT NOT NULL,"
        " payload TEXT NOT NULL, kind INTEGER NOT NULL, created_at REAL NOT NULL);";
    if (sqlite3_exec(p->db, setup, NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(p->db, "INSERT INTO outbox (action, payload, kind, created_at) VALUES ('TransactionEvent', ?, 0, 0)",
                           -1, &p->insert, NULL) != SQLITE_OK) {
        sqlite3_close(p->db);
        free(p);
        return NULL;
    }
    return p;
}

int plain_sqlite_insert(plain_sqlite *p, const char *payload, int count) {
    if (count > 1 && sqlite3_exec(p->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) return 1;
    for (int i = 0; i < count; i++) {
        sqlite3_bind_text(p->insert, 1, payload, -1, SQLITE_STATIC);
        if (sqlite3_step(p->insert) != SQLITE_DONE) return 1;
        sqlite3_reset(p->insert);
    }
    if (count > 1 && sqlite3_exec(p->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) return 1;
    return 0;
}

void plain_sqlite_close(plain_sqlite *p) {
    if (!p) return;
    sqlite3_finalize(p->insert);
    sqlite3_close(p->db);
    free(p);
}
