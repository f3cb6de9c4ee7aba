/*
 * template.h - a small, safe HTML template renderer for the web pages.
 *
 * Templates are the files web/templates/NAME.html, loaded and checked once
 * at start. The data is a jansson value (objects, arrays, strings, numbers),
 * so the page code builds data and the templates hold all the markup.
 *
 *   {{name}}        the value as text, HTML-escaped (always safe)
 *   {{{name}}}      the value unescaped: only for HTML the server itself
 *                   rendered (cmark output of pack Markdown, never input)
 *   {{a.b}}  {{.}}  a dotted path; the current item of a loop
 *   {{#name}}...{{/name}}  a loop over an array, or the block once when the
 *                   value is true, a non-empty string, a number or an object
 *                   (which then becomes the innermost scope)
 *   {{^name}}...{{/name}}  the block when the value is missing, null, false,
 *                   "" or an empty array
 *   {{>name}}       another template of the set, in the current scope
 *
 *   <!-- ... -->    a comment for whoever edits the template: left out of
 *                   the output (with its line break when it fills whole
 *                   lines), tags inside it included
 *
 * Names are looked up from the innermost scope outwards. Unbalanced or
 * mismatched sections and unknown partials are errors at load time, so
 * rendering a loaded set cannot fail except for lack of memory.
 */
#ifndef SYMCHECK_SERVER_TEMPLATE_H
#define SYMCHECK_SERVER_TEMPLATE_H

#include <jansson.h>
#include <stddef.h>

typedef struct template_set template_set;

/*
 * Loads every *.html file of `dir` (the name is the file name without
 * ".html") and checks its tags. Returns the set, which the caller frees
 * with template_set_free, or NULL with a one-line message in err
 * ("question.html:12: {{/options}} closes {{#choices}}").
 */
template_set *template_set_load(const char *dir, char *err, size_t err_size);

/* The same from text, one template; for tests. NULL with err on error. */
template_set *template_set_from_text(const char *name, const char *text, char *err,
                                     size_t err_size);

void template_set_free(template_set *set);

/* True when the set holds a template of that name. */
int template_set_has(const template_set *set, const char *name);

/*
 * Renders template `name` over `data` (any JSON value; NULL means an empty
 * object). Returns a NUL-terminated string the caller frees with free(), or
 * NULL when the name is unknown or memory runs out.
 */
char *template_render(const template_set *set, const char *name, const json_t *data);

#endif /* SYMCHECK_SERVER_TEMPLATE_H */
