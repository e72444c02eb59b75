// Downloads of a published dataset version (issue 4, ACC-1): CSV (UTF-8, optional BOM for
// Excel), JSON (an array of objects) and XLSX, produced piece by piece so memory stays flat
// whatever the size of the dataset.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "catalog/service.h"

namespace kf::serve {

enum class ExportFormat { csv, json, xlsx };
Result<ExportFormat> parse_export_format(std::string_view s);

// Produces the file in pieces of about 64 KB; next() returns false at the end.
class ExportStream {
 public:
  virtual ~ExportStream() = default;
  virtual Result<bool> next(std::string& chunk) = 0;
};

struct Export {
  std::string file_name;     // e.g. 公交线路信息.csv
  std::string content_type;
  std::string etag;          // changes with the published version and the format
  std::int64_t rows = 0;
  std::int64_t version_id = 0;  // the published version being sent
  std::string entry_name;
  std::unique_ptr<ExportStream> stream;
};

// Opens the published version of `code` for the caller in the given format; `permit`: what the
// access decision allowed (the caller asked it first). `bom`: a UTF-8 byte-order mark before a CSV. `tmp_dir`: where an XLSX is
// assembled (libxlsxwriter writes a file); it is removed when the stream ends.
Result<Export> open_export(catalog::CatalogService& catalog, const catalog::Actor* actor,
                           const std::string& code, const catalog::ReadPermit& permit, ExportFormat format, bool bom,
                           const std::string& tmp_dir);

// The same ETag without opening anything (for If-None-Match).
std::string export_etag(std::int64_t version_id, ExportFormat format, bool bom);

// RFC 6266 / 5987 Content-Disposition for a file name with Chinese characters.
std::string content_disposition(const std::string& file_name);

// One CSV field, quoted when needed (RFC 4180).
void append_csv_field(std::string& out, std::string_view v);

}  // namespace kf::serve
