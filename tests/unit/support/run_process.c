/*
 * run_process.c - fork/exec with three pipes and a poll loop (see
 * run_process.h). The loop writes stdin as the child reads it and drains
 * stdout and stderr together, so a chatty child never blocks on a full
 * pipe.
 */
#define _POSIX_C_SOURCE 200809L

#include "run_process.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

typedef struct buffer {
  char *data;
  size_t length, capacity;
} buffer;

static int S_append(buffer *b, const char *data, size_t length) {
  if (b->length + length + 1 > b->capacity) {
    size_t capacity = (b->length + length + 1) * 2;
    char *grown = realloc(b->data, capacity);
    if (grown == NULL) {
      return -1;
    }
    b->data = grown;
    b->capacity = capacity;
  }
  memcpy(b->data + b->length, data, length);
  b->length += length;
  b->data[b->length] = '\0';
  return 0;
}

static long S_now_ms(void) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return now.tv_sec * 1000L + now.tv_nsec / 1000000L;
}

static void S_child(const char *const *argv, int in[2], int out[2], int err[2]) {
  dup2(in[0], STDIN_FILENO);
  dup2(out[1], STDOUT_FILENO);
  dup2(err[1], STDERR_FILENO);
  close(in[0]);
  close(in[1]);
  close(out[0]);
  close(out[1]);
  close(err[0]);
  close(err[1]);
  execv(argv[0], (char *const *)argv);
  _exit(127);
}

/* Reads what is ready on fd into b; returns false at end of file. */
static bool S_drain(int fd, buffer *b) {
  char chunk[4096];
  ssize_t n = read(fd, chunk, sizeof chunk);
  if (n > 0) {
    S_append(b, chunk, (size_t)n);
    return true;
  }
  return n < 0 && (errno == EINTR || errno == EAGAIN);
}

/* The poll loop: feeds input, collects output until both pipes close or
   the deadline passes, then closes every pipe end it was given. Returns
   true when it timed out. */
static bool S_pump(int in_fd, int out_fd, int err_fd, const char *input, long deadline, buffer *out,
                   buffer *err) {
  size_t input_length = input != NULL ? strlen(input) : 0, written = 0;
  if (input_length == 0) {
    close(in_fd);
    in_fd = -1;
  }
  bool timed_out = false;
  while (out_fd >= 0 || err_fd >= 0) {
    long left = deadline - S_now_ms();
    if (left <= 0) {
      timed_out = true;
      break;
    }
    struct pollfd fds[3] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}, {in_fd, POLLOUT, 0}};
    if (poll(fds, 3, (int)left) < 0 && errno != EINTR) {
      break;
    }
    if (fds[0].revents != 0 && !S_drain(out_fd, out)) {
      close(out_fd);
      out_fd = -1;
    }
    if (fds[1].revents != 0 && !S_drain(err_fd, err)) {
      close(err_fd);
      err_fd = -1;
    }
    if (fds[2].revents != 0) {
      ssize_t n = (fds[2].revents & POLLOUT) != 0
                      ? write(in_fd, input + written, input_length - written)
                      : -1;
      written += n > 0 ? (size_t)n : 0;
      if (n < 0 || written == input_length) {
        close(in_fd);
        in_fd = -1;
      }
    }
  }
  int fds[3] = {in_fd, out_fd, err_fd};
  for (int i = 0; i < 3; i++) {
    if (fds[i] >= 0) {
      close(fds[i]);
    }
  }
  return timed_out;
}

int run_process(const char *const *argv, const char *input, int timeout_ms, run_result *result) {
  memset(result, 0, sizeof *result);
  int in[2], out[2], err[2];
  if (pipe(in) != 0 || pipe(out) != 0 || pipe(err) != 0) {
    return -1;
  }
  signal(SIGPIPE, SIG_IGN);
  pid_t pid = fork();
  if (pid < 0) {
    return -1;
  }
  if (pid == 0) {
    S_child(argv, in, out, err);
  }
  close(in[0]);
  close(out[1]);
  close(err[1]);
  fcntl(in[1], F_SETFL, O_NONBLOCK);
  buffer out_buffer = {0}, err_buffer = {0};
  S_append(&out_buffer, "", 0);
  S_append(&err_buffer, "", 0);
  result->timed_out =
      S_pump(in[1], out[0], err[0], input, S_now_ms() + timeout_ms, &out_buffer, &err_buffer);
  if (result->timed_out) {
    kill(pid, SIGKILL);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result->exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result->out = out_buffer.data;
  result->err = err_buffer.data;
  return 0;
}

void run_result_free(run_result *result) {
  if (result == NULL) {
    return;
  }
  free(result->out);
  free(result->err);
  memset(result, 0, sizeof *result);
}

run_result run_symcheck(int timeout_ms, const char *input, ...) {
  enum { S_MAX_ARGS = 32 };
  const char *argv[S_MAX_ARGS] = {SYMCHECK_BINARY};
  va_list args;
  va_start(args, input);
  int n = 1;
  for (const char *arg = va_arg(args, const char *); arg != NULL && n < S_MAX_ARGS - 1;
       arg = va_arg(args, const char *)) {
    argv[n++] = arg;
  }
  va_end(args);
  run_result result;
  assert_int_equal(run_process(argv, input, timeout_ms, &result), 0);
  assert_false(result.timed_out);
  return result;
}
