#ifndef GRADER_CUTF8PROC_SHIM_H
#define GRADER_CUTF8PROC_SHIM_H
#include <utf8proc.h>
#endif
