/*
 * cli_wrap.c - wrapping text to the terminal's width (see cli_wrap.h).
 */
#define _POSIX_C_SOURCE 200809L

#include "cli_wrap.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli_util.h"

#define S_MIN_WIDTH 20
#define S_MAX_WIDTH 1000

int cli_terminal_width(FILE *out) {
  const char *columns = getenv("COLUMNS");
  int width = 0;
  if (columns != NULL && cli_parse_int(columns, S_MIN_WIDTH, S_MAX_WIDTH, &width)) {
    return width;
  }
  struct winsize size;
  if (isatty(fileno(out)) == 1 && ioctl(fileno(out), TIOCGWINSZ, &size) == 0 &&
      size.ws_col >= S_MIN_WIDTH) {
    return size.ws_col;
  }
  return CLI_WRAP_DEFAULT;
}

/* Columns taken by text[0..n): UTF-8 continuation bytes and colour
   escapes (ESC [ ... m) take none. */
static size_t S_columns(const char *text, size_t n) {
  size_t columns = 0;
  for (size_t i = 0; i < n; i++) {
    if (text[i] == '\033') {
      while (i < n && text[i] != 'm') {
        i++;
      }
      continue;
    }
    columns += ((unsigned char)text[i] & 0xC0) != 0x80;
  }
  return columns;
}

/* The indent of a continued line: the line's own, plus a list marker such
   as "12. " after it. */
static size_t S_hang(const char *line, size_t n) {
  size_t i = 0;
  while (i < n && line[i] == ' ') {
    i++;
  }
  size_t digits = i;
  while (digits < n && isdigit((unsigned char)line[digits])) {
    digits++;
  }
  if (digits > i && digits + 1 < n && line[digits] == '.' && line[digits + 1] == ' ') {
    return digits + 2;
  }
  return i;
}

static void S_spaces(FILE *out, size_t n) {
  for (size_t i = 0; i < n; i++) {
    fputc(' ', out);
  }
}

/* Writes one line (without its newline) broken between words. */
static void S_wrap_line(FILE *out, const char *line, size_t n, size_t width) {
  if (S_columns(line, n) <= width) {
    fwrite(line, 1, n, out);
    return;
  }
  size_t hang = S_hang(line, n);
  size_t at = 0;
  while (at < n && line[at] == ' ') {
    at++;
  }
  S_spaces(out, at);
  size_t column = at;
  bool first = true;
  while (at < n) {
    size_t end = at;
    while (end < n && line[end] != ' ') {
      end++;
    }
    size_t word = S_columns(line + at, end - at);
    if (!first && column + 1 + word > width) {
      fputc('\n', out);
      S_spaces(out, hang);
      column = hang;
      first = true;
    }
    if (!first) {
      fputc(' ', out);
      column++;
    }
    fwrite(line + at, 1, end - at, out);
    column += word;
    first = false;
    at = end;
    while (at < n && line[at] == ' ') {
      at++;
    }
  }
}

void cli_wrap(FILE *out, const char *text, int width) {
  size_t columns = width >= S_MIN_WIDTH ? (size_t)width : CLI_WRAP_DEFAULT;
  while (*text != '\0') {
    const char *newline = strchr(text, '\n');
    size_t n = newline != NULL ? (size_t)(newline - text) : strlen(text);
    S_wrap_line(out, text, n, columns);
    if (newline == NULL) {
      break;
    }
    fputc('\n', out);
    text = newline + 1;
  }
}
