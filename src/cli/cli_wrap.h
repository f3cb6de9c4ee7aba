/*
 * cli_wrap.h - text for people wrapped to the terminal's width (the quiz):
 * lines break between words, never inside one, and a continued line keeps
 * the indent of its list item ("  3. ..." continues under the words).
 */
#ifndef SYMCHECK_CLI_WRAP_H
#define SYMCHECK_CLI_WRAP_H

#include <stdio.h>

/* The default width when neither COLUMNS nor the terminal says. */
#define CLI_WRAP_DEFAULT 80

/* The width to wrap at: COLUMNS when it is a number from 20 to 1000, else
   the terminal's width when `out` is a terminal (TIOCGWINSZ), else 80. */
int cli_terminal_width(FILE *out);

/* Writes `text` to `out` with every line longer than `width` columns
   (UTF-8 characters; colour escapes take none) broken between words. A
   word longer than the width stands alone on its line. A last line
   without a newline (a prompt) is written without one. */
void cli_wrap(FILE *out, const char *text, int width);

#endif /* SYMCHECK_CLI_WRAP_H */
