// cairo (PDF surfaces, PNG images) and Pango (text shaping for every script) for the certificates plugin.
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

// g_object_unref takes a gpointer; a typed wrapper keeps Swift call sites free of casts.
static inline void certificates_layout_free(PangoLayout *layout) { g_object_unref(layout); }
static inline void certificates_context_free(PangoContext *context) { g_object_unref(context); }
