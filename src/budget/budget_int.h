/* Private helpers shared by the budget module's files. */
#ifndef AO_BUDGET_INT_H
#define AO_BUDGET_INT_H

#include <assetopt/budget.h>

char *ao__budget_strdup(const char *s);
char *ao__budget_strndup(const char *s, size_t n);
/* Appends s as a JSON string (with quotes). */
void ao__budget_json_str(ao_buf *b, const char *s);
/* Appends s escaped for XML/HTML text and attributes. */
void ao__budget_xml_str(ao_buf *b, const char *s);
/* Offset of the value at path in JSON text (path: ".key", "[3]" pieces as
 * ao__budget_path builds them); SIZE_MAX when it cannot be found. */
size_t ao__budget_json_locate(const unsigned char *text, size_t len,
                              const char *path);
/* Human size, 1000-based, as "532 B", "12.3 kB", "1.20 MB". */
const char *ao__budget_human(uint64_t n, char buf[32]);

#endif
