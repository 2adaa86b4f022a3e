#ifndef GRADER_CLIBXML2_SHIM_H
#define GRADER_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* Debian builds libxml2 with ICU, so its encoding.h pulls in the system ICU
   headers, whose types clash with Foundation's own ICU copy when both modules
   meet in one compilation. We never touch the ICU-only encoder fields, so hide them. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlsave.h>

/* xmlFree is a global function pointer; Swift cannot call it through the macro-free import reliably. */
static inline void cxml_free(void *p) { xmlFree(p); }
#endif
