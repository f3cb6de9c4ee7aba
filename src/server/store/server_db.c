/*
 * server_db.c - picks the database backend from the URL scheme.
 */
#define _POSIX_C_SOURCE 200809L
#include "server_db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

srv_db_status srv_db_open(const char *url, srv_db **out, char *why, size_t why_size) {
  *out = NULL;
  if (strncmp(url, "sqlite:", 7) == 0 && url[7] != '\0') {
    return srv_db_open_sqlite(url + 7, out, why, why_size);
  }
  if (strncmp(url, "postgresql://", 13) == 0 || strncmp(url, "postgres://", 11) == 0) {
    return srv_db_open_postgres(url, out, why, why_size);
  }
  snprintf(why, why_size, "--db must be sqlite:PATH or postgresql://..., not \"%s\"", url);
  return SRV_DB_REFUSED;
}

void srv_db_url_redacted(const char *url, char *out, size_t size) {
  const char *scheme = strstr(url, "://");
  const char *at = scheme != NULL ? strchr(scheme + 3, '@') : NULL;
  const char *colon = at != NULL ? memchr(scheme + 3, ':', (size_t)(at - scheme - 3)) : NULL;
  if (colon != NULL) {
    snprintf(out, size, "%.*s:***%s", (int)(colon - url), url, at);
  } else {
    snprintf(out, size, "%s", url);
  }
  char *password = strstr(out, "password=");
  if (password != NULL) {
    char *end = password + 9 + strcspn(password + 9, "& ");
    char rest[1024];
    snprintf(rest, sizeof rest, "%s", end);
    snprintf(password + 9, size - (size_t)(password + 9 - out), "***%s", rest);
  }
}

int srv_db_ping(srv_db *db) {
  return db->backend->ping(db->handle);
}

void srv_db_close(srv_db *db) {
  if (db == NULL) {
    return;
  }
  db->backend->close(db->handle);
  free(db);
}
