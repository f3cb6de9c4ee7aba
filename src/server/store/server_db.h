/*
 * server_db.h - the database behind the server, opened from a URL.
 * One small interface with one backend per file (server_db_sqlite.c,
 * server_db_postgres.c), so storage code above it (server_store.h) never
 * knows which database it talks to. Opening applies the migrations.
 */
#ifndef SYMCHECK_SERVER_DB_H
#define SYMCHECK_SERVER_DB_H

#include <stdbool.h>
#include <stddef.h>

typedef struct srv_db srv_db;
typedef struct srv_store_ops srv_store_ops; /* server_store.h */

/* What a backend provides. */
typedef struct srv_db_backend {
  const char *name;          /* "sqlite" or "postgresql" */
  int (*ping)(void *handle); /* 0 when the database answers SELECT 1 */
  void (*close)(void *handle);
  const srv_store_ops *store; /* the storage operations */
} srv_db_backend;

struct srv_db {
  const srv_db_backend *backend;
  void *handle;
};

typedef enum srv_db_status {
  SRV_DB_OK = 0,
  SRV_DB_FAILED = 1,  /* could not open or migrate: exit 1 */
  SRV_DB_REFUSED = 2, /* the URL is not one we accept: exit 2 */
} srv_db_status;

/* Opens `url` ("sqlite:PATH" or "postgresql://..."). On success *out is
   the database (close with srv_db_close); otherwise *out is NULL and
   `why` holds one sentence. */
srv_db_status srv_db_open(const char *url, srv_db **out, char *why, size_t why_size);
/* `url` fit for a log line: a password in it ("user:secret@" or
   "password=secret") becomes "***". Writes at most `size` bytes. */
void srv_db_url_redacted(const char *url, char *out, size_t size);
/* 0 when the database answers. */
int srv_db_ping(srv_db *db);
void srv_db_close(srv_db *db);

/* The SQLite backend: opens PATH (creating its folder), WAL, foreign
   keys, migrations. Same contract as srv_db_open. */
srv_db_status srv_db_open_sqlite(const char *path, srv_db **out, char *why, size_t why_size);
/* The PostgreSQL backend: `url` is a libpq connection URI. Fails when the
   server cannot be reached at start (migrations need it); afterwards each
   operation connects again as needed. Same contract as srv_db_open. */
srv_db_status srv_db_open_postgres(const char *url, srv_db **out, char *why, size_t why_size);

#endif /* SYMCHECK_SERVER_DB_H */
