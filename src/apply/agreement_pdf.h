// The PDF rendering of an open-use agreement (APP-4: "the PDF rendering is downloadable"): the
// agreement's Markdown text laid out on A4 pages with Pango (CJK line breaking, the Noto CJK
// fonts the install script provides) and written by cairo's PDF surface.
#pragma once

#include <cstdint>
#include <string>

#include "core/error.h"

namespace kf::apply {

struct PdfInfo {
  std::string title;      // the document title (PDF metadata)
  std::string footer;     // printed at the foot of every page, before the page number
  std::string sha256;     // the text's SHA-256, printed after the text when not empty
  std::int64_t date_ms = 0;  // creation date in the metadata (the signing time), so the same
                             // agreement renders to the same bytes
};

// Renders `markdown` (headings "# " and "## ", one paragraph per line, list items "- " and
// numbered ones keep their marks, blank lines separate; other Markdown marks print as written) as
// a PDF. Errors: internal when cairo fails.
Result<std::string> render_agreement_pdf(const std::string& markdown, const PdfInfo& info);

}  // namespace kf::apply
