/*
 * http_client.h - a tiny HTTP/1.1 client for the end-to-end tests: one
 * request per connection to 127.0.0.1 (never anywhere else), the whole
 * response read back. Also starts and stops `symcheck serve` on a free
 * loopback port with a temporary SQLite file.
 */
#ifndef SYMCHECK_TEST_HTTP_CLIENT_H
#define SYMCHECK_TEST_HTTP_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

typedef struct http_response {
  int status;    /* 0 when no valid response came */
  char *headers; /* the header block, NUL-terminated */
  char *body;    /* NUL-terminated */
  size_t body_length;
} http_response;

/*
 * Sends `method path` to 127.0.0.1:port with the body (may be NULL) and
 * Content-Type (NULL for none), and reads the answer until the server
 * closes. Returns 0, or -1 when the connection failed (response empty).
 */
int http_request(unsigned port, const char *method, const char *path, const char *content_type,
                 const char *body, size_t body_length, http_response *response);
/* The same with more header lines: `headers` (NULL for none) is each
   "Name: value\r\n" in turn, sent after Host and Connection. */
int http_request_with(unsigned port, const char *method, const char *path, const char *headers,
                      const char *content_type, const char *body, size_t body_length,
                      http_response *response);
/* Sends raw bytes as they are and reads the answer (status parsed). */
int http_raw(unsigned port, const char *bytes, size_t length, http_response *response);
void http_response_free(http_response *response);
/* The value of header `name` (case-insensitive) copied into buf; false
   when the response has no such header. */
bool http_header(const http_response *response, const char *name, char *buf, size_t size);

typedef struct server_process {
  pid_t pid;
  unsigned port;
  char dir[128]; /* temporary folder holding the database and stderr.log */
} server_process;

/* Starts SYMCHECK_BINARY serve --listen 127.0.0.1:0 --db sqlite:DIR/db
   plus `extra` (NULL-terminated, may be NULL) and waits (up to 30 s) for
   the address it prints. Returns 0, or -1 when it did not start. */
int server_start(server_process *server, const char *const *extra);
/* Sends `signal_number` and waits up to timeout_ms for the exit. Returns
   the exit code, or -1 when it died of a signal or did not stop in time
   (then it is killed). Removes the temporary folder. */
int server_stop(server_process *server, int signal_number, int timeout_ms);
/* The server's stderr so far (the access log); caller frees. */
char *server_log(const server_process *server);

/* cmocka setup and teardown around one server: start puts a malloc'd,
   started server_process in *state (0, or -1 when it did not start);
   stop sends SIGTERM, prints the log when the exit code was not 0, frees
   it and returns 0 only after a clean exit. */
int server_fixture_start(void **state, const char *const *extra);
int server_fixture_stop(void **state);

#endif /* SYMCHECK_TEST_HTTP_CLIENT_H */
