/*
 * http_client.c - see http_client.h. Plain sockets and fork/exec; every
 * connection goes to 127.0.0.1.
 */
#define _POSIX_C_SOURCE 200809L
#include "http_client.h"
#include "temp_dir.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int S_connect(unsigned port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) {
    return -1;
  }
  struct sockaddr_in addr = {0};
  addr.sin_family = AF_INET;
  addr.sin_port = htons((unsigned short)port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

static int S_write_all(int fd, const char *data, size_t length) {
  while (length > 0) {
    ssize_t n = send(fd, data, length, MSG_NOSIGNAL);
    if (n <= 0) {
      return -1;
    }
    data += n;
    length -= (size_t)n;
  }
  return 0;
}

static void S_parse(char *raw, size_t length, http_response *r) {
  char *end = strstr(raw, "\r\n\r\n");
  size_t header_length = end != NULL ? (size_t)(end - raw) : length;
  r->headers = strndup(raw, header_length);
  size_t body_start = end != NULL ? header_length + 4 : length;
  r->body_length = length - body_start;
  r->body = malloc(r->body_length + 1);
  memcpy(r->body, raw + body_start, r->body_length);
  r->body[r->body_length] = '\0';
  if (sscanf(raw, "HTTP/1.%*d %d", &r->status) != 1) {
    r->status = 0;
  }
}

static int S_read_all(int fd, http_response *r) {
  size_t capacity = 65536, length = 0;
  char *raw = malloc(capacity);
  for (;;) {
    if (length + 4096 > capacity) {
      capacity *= 2;
      raw = realloc(raw, capacity);
    }
    ssize_t n = recv(fd, raw + length, capacity - length - 1, 0);
    if (n <= 0) {
      break;
    }
    length += (size_t)n;
  }
  raw[length] = '\0';
  S_parse(raw, length, r);
  free(raw);
  return 0;
}

int http_raw(unsigned port, const char *bytes, size_t length, http_response *r) {
  memset(r, 0, sizeof *r);
  int fd = S_connect(port);
  if (fd < 0) {
    return -1;
  }
  S_write_all(fd, bytes, length); /* the server may answer before reading all */
  S_read_all(fd, r);
  close(fd);
  return 0;
}

int http_request(unsigned port, const char *method, const char *path, const char *content_type,
                 const char *body, size_t body_length, http_response *r) {
  return http_request_with(port, method, path, NULL, content_type, body, body_length, r);
}

int http_request_with(unsigned port, const char *method, const char *path, const char *headers,
                      const char *content_type, const char *body, size_t body_length,
                      http_response *r) {
  headers = headers != NULL ? headers : "";
  size_t head_size = strlen(path) + strlen(headers) + 512;
  char *head = malloc(head_size);
  int n =
      snprintf(head, head_size, "%s %s HTTP/1.1\r\nHost: 127.0.0.1:%u\r\nConnection: close\r\n%s",
               method, path, port, headers);
  if (content_type != NULL) {
    n += snprintf(head + n, head_size - (size_t)n, "Content-Type: %s\r\n", content_type);
  }
  if (body != NULL) {
    n += snprintf(head + n, head_size - (size_t)n, "Content-Length: %zu\r\n", body_length);
  }
  n += snprintf(head + n, head_size - (size_t)n, "\r\n");
  char *all = malloc((size_t)n + body_length + 1);
  memcpy(all, head, (size_t)n);
  if (body != NULL) {
    memcpy(all + n, body, body_length);
  }
  int status = http_raw(port, all, (size_t)n + (body != NULL ? body_length : 0), r);
  free(head);
  free(all);
  return status;
}

void http_response_free(http_response *r) {
  if (r == NULL) {
    return;
  }
  free(r->headers);
  free(r->body);
  memset(r, 0, sizeof *r);
}

bool http_header(const http_response *r, const char *name, char *buf, size_t size) {
  size_t name_length = strlen(name);
  for (const char *line = r->headers; line != NULL && *line != '\0';) {
    const char *next = strstr(line, "\r\n");
    if (strncasecmp(line, name, name_length) == 0 && line[name_length] == ':') {
      const char *value = line + name_length + 1;
      value += strspn(value, " ");
      size_t length = next != NULL ? (size_t)(next - value) : strlen(value);
      snprintf(buf, size, "%.*s", (int)length, value);
      return true;
    }
    line = next != NULL ? next + 2 : NULL;
  }
  return false;
}

/* Reads stdout until the "listening on http://127.0.0.1:PORT" line. */
static unsigned S_wait_port(int fd) {
  char text[1024] = {0};
  size_t length = 0;
  /* generous: under the sanitizers on a loaded 2-core machine, loading every
     pack and migrating a database can take tens of seconds */
  for (int waited = 0; waited < 120000 && length < sizeof text - 1;) {
    struct pollfd p = {fd, POLLIN, 0};
    if (poll(&p, 1, 100) <= 0) {
      waited += 100;
      continue;
    }
    ssize_t n = read(fd, text + length, sizeof text - 1 - length);
    if (n <= 0) {
      return 0;
    }
    length += (size_t)n;
    const char *at = strstr(text, "http://127.0.0.1:");
    if (at != NULL && strchr(at, ' ') != NULL) {
      return (unsigned)strtoul(at + strlen("http://127.0.0.1:"), NULL, 10);
    }
  }
  return 0;
}

static void S_exec_server(const server_process *s, const char *const *extra, int out_fd) {
  char db[256], log[256];
  snprintf(db, sizeof db, "sqlite:%s/db.sqlite", s->dir);
  snprintf(log, sizeof log, "%s/stderr.log", s->dir);
  const char *argv[32] = {SYMCHECK_BINARY, "serve", "--listen", "127.0.0.1:0", "--db", db};
  size_t argc = 6;
  for (size_t i = 0; extra != NULL && extra[i] != NULL && argc < 31; i++) {
    argv[argc++] = extra[i];
  }
  argv[argc] = NULL;
  int err_fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  dup2(out_fd, STDOUT_FILENO);
  dup2(err_fd, STDERR_FILENO);
  execv(SYMCHECK_BINARY, (char *const *)argv);
  _exit(127);
}

int server_start(server_process *s, const char *const *extra) {
  memset(s, 0, sizeof *s);
  if (!temp_dir_make(s->dir, sizeof s->dir, "e2e")) {
    return -1;
  }
  int fds[2];
  if (pipe(fds) != 0) {
    return -1;
  }
  s->pid = fork();
  if (s->pid == 0) {
    close(fds[0]);
    S_exec_server(s, extra, fds[1]);
  }
  close(fds[1]);
  s->port = s->pid > 0 ? S_wait_port(fds[0]) : 0;
  close(fds[0]);
  if (s->port == 0 && s->pid > 0) {
    char *log = server_log(s); /* say why the server did not start */
    fprintf(stderr, "symcheck serve did not start; its log:\n%s\n", log);
    free(log);
    server_stop(s, SIGKILL, 2000);
    return -1;
  }
  return s->port != 0 ? 0 : -1;
}

char *server_log(const server_process *s) {
  char path[256];
  snprintf(path, sizeof path, "%s/stderr.log", s->dir);
  FILE *f = fopen(path, "r");
  if (f == NULL) {
    return strdup("");
  }
  char *text = calloc(1, 1 << 20);
  size_t n = fread(text, 1, (1 << 20) - 1, f);
  text[n] = '\0';
  fclose(f);
  return text;
}

static void S_remove_dir(const char *dir) {
  const char *names[] = {"db.sqlite", "db.sqlite-wal", "db.sqlite-shm", "stderr.log"};
  char path[256];
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    unlink(path);
  }
  rmdir(dir);
}

int server_stop(server_process *s, int signal_number, int timeout_ms) {
  int status = 0, code = -1;
  kill(s->pid, signal_number);
  for (int waited = 0; waited <= timeout_ms; waited += 10) {
    if (waitpid(s->pid, &status, WNOHANG) == s->pid) {
      code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      S_remove_dir(s->dir);
      return code;
    }
    struct timespec ts = {0, 10 * 1000000L};
    nanosleep(&ts, NULL);
  }
  kill(s->pid, SIGKILL);
  waitpid(s->pid, &status, 0);
  S_remove_dir(s->dir);
  return -1;
}

int server_fixture_start(void **state, const char *const *extra) {
  server_process *s = calloc(1, sizeof *s);
  if (s == NULL || server_start(s, extra) != 0) {
    fprintf(stderr, "symcheck serve did not start\n");
    free(s);
    return -1;
  }
  *state = s;
  return 0;
}

int server_fixture_stop(void **state) {
  server_process *s = *state;
  char *log = server_log(s);
  int code = server_stop(s, SIGTERM, 10000);
  if (code != 0) {
    fprintf(stderr, "symcheck serve exited with %d:\n%s\n", code, log != NULL ? log : "");
  }
  free(log);
  free(s);
  return code == 0 ? 0 : -1;
}
