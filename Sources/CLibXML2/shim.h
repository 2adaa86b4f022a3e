#ifndef GRADER_CLIBXML2_SHIM_H
#define GRADER_CLIBXML2_SHIM_H
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlsave.h>

/* xmlFree is a global function pointer; Swift cannot call it through the macro-free import reliably. */
static inline void cxml_free(void *p) { xmlFree(p); }
#endif
