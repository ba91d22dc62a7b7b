#ifndef HERALD_CCMARK_SHIM_H
#define HERALD_CCMARK_SHIM_H
#include <cmark.h>
#endif
