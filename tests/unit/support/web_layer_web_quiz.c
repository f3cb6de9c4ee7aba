/*
 * web_layer_web_quiz.c - compiles src/server/web_quiz.c into the unit tests. The test
 * programs link only the library and the support folder; the page layer
 * of the server has no HTTP dependency, so it is built here as well and
 * tests/unit/test_web_*.c call it directly.
 */
#include "../../../src/server/web_quiz.c"
