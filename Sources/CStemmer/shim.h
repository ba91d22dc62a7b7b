#ifndef HERALD_CSTEMMER_SHIM_H
#define HERALD_CSTEMMER_SHIM_H
/* The Snowball stemmers (Debian libstemmer-dev). The library ships no
 * pkg-config file, so the module map links it by name. */
#include <libstemmer.h>
#endif
