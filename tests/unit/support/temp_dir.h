/*
 * temp_dir.h - a test's own folder under $TMPDIR or /tmp: made with mkdtemp, removed
 * with everything written into it (files, sub-folders, links; a link is
 * removed, never what it points to); or a single file there, made with mkstemp.
 */
#ifndef SYMCHECK_TEST_TEMP_DIR_H
#define SYMCHECK_TEST_TEMP_DIR_H

#include <stdbool.h>
#include <stddef.h>

/* Makes a new folder $TMPDIR/symcheck-NAME-<unique suffix> ($TMPDIR
   unset or empty: /tmp) and writes its path into out (size bytes).
   Returns false when the path does not fit or the folder cannot be
   made. */
bool temp_dir_make(char *out, size_t size, const char *name);
/* Makes a new file $TMPDIR/symcheck-NAME-<unique suffix> ($TMPDIR unset
   or empty: /tmp) holding text, and writes its path into out (size
   bytes). The caller owns the file and removes it (unlink). Returns false
   when the path does not fit or the file cannot be made or written; then
   no file is left behind. */
bool temp_file_make(char *out, size_t size, const char *name, const char *text);
/* Removes dir and everything below it, depth first; a missing dir is not
   an error. Returns false when something could not be removed. */
bool temp_dir_remove(const char *dir);

#endif
