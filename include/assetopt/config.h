/* assetopt.json and presets. */
#ifndef ASSETOPT_CONFIG_H
#define ASSETOPT_CONFIG_H

#include "build.h"
#include "core.h"

struct cJSON;
typedef struct ao_config ao_config;

/* Loads path (NULL: ./assetopt.json when it exists, else an empty config),
 * then the preset it names or preset_override, whose keys are defaults under
 * the file's. Errors name the file, the key path and line:col; AO_CONFIG. */
AO_API AO_NODISCARD ao_status ao_config_load(const char *path,
                                             const char *preset_override,
                                             ao_config **out, ao_diags *d);
AO_API void ao_config_free(ao_config *c);
/* Fills the build options the configuration sets (strings stay owned by c). */
AO_API AO_NODISCARD ao_status ao_config_apply_build(const ao_config *c,
                                                    ao_build_opts *o,
                                                    ao_diags *d);
/* "input"/"output" or NULL. */
AO_API const char *ao_config_str(const ao_config *c, const char *key);
/* A top-level section ("budgets", "publish" …) or NULL; owned by c. */
AO_API const struct cJSON *ao_config_section(const ao_config *c, const char *key);
/* The file it came from (NULL when none) and its text, for messages. */
AO_API const char *ao_config_path(const ao_config *c);
/* Byte offset of the value at a key path such as "images.quality" or
 * "keepNames[2]" in the file's text; SIZE_MAX when not found. */
AO_API size_t ao_config_offset(const ao_config *c, const char *keypath);
/* Adds a diagnostic at the key path's position in the config file. */
AO_API void ao_config_error(const ao_config *c, ao_diags *d, const char *keypath,
                            const char *fmt, ...) AO_PRINTF(4, 5);

#endif
