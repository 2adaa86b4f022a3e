#ifndef GRADER_CSTEMMER_SHIM_H
#define GRADER_CSTEMMER_SHIM_H
#include <libstemmer.h>
#endif
