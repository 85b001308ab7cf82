// libxml2 for the feeds plugin. Debian builds libxml2 with ICU, whose types clash with Foundation's copy of ICU
// when both are imported: undefine the ICU switch before the other headers (see shared/STACK_NOTES.md).
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/xmlwriter.h>
#include <libxml/xmlstring.h>
#include <libxml/tree.h>
