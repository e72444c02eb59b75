// Streaming readers for uploaded data files (PUB-1): CSV (any common Chinese encoding and
// delimiter), XLSX (one sheet, streamed through expat) and JSON (array of objects or NDJSON).
//
// Every reader yields the header once and then one Record per data row, in constant memory:
// files are read in chunks and never held whole. Values are UTF-8 text exactly as written in the
// file (numbers keep their text; XLSX dates become ISO dates), so that validation (validator.h)
// and storage see one representation whatever the format.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace kf::ingest {

enum class Format { csv, xlsx, json, ndjson };

std::string_view to_string(Format f);  // "csv" | "xlsx" | "json" | "ndjson"

// By extension, case-insensitive; accepts a whole file name or a bare extension with or without
// the dot: .csv .txt .tsv → csv, .xlsx → xlsx, .json → json, .ndjson .jsonl → ndjson.
// invalid_argument (Chinese message) for anything else, e.g. .xls.
Result<Format> format_from_name(std::string_view filename_or_ext);

// Bounds that keep a hostile or broken file from exhausting memory. Exceeding one is an
// invalid_argument error, never a silent truncation.
struct Limits {
  std::uint64_t max_field_bytes = 1 << 20;  // one value (after conversion to UTF-8)
  std::size_t max_columns = 2000;
  std::uint64_t xlsx_max_uncompressed = 2ull << 30;  // per zip entry
  double xlsx_max_ratio = 200;  // uncompressed / compressed per entry, enforced past 1 MB
  std::uint64_t xlsx_max_shared_strings_bytes = 256ull << 20;
};

struct ReaderOptions {
  Format format = Format::csv;
  std::string sheet;  // xlsx: sheet name; empty = the first sheet of the workbook
  Limits limits;
};

// What the reader found out about the file, for the ingest report and the version record.
struct SourceInfo {
  std::string format;     // "csv" | "xlsx" | "json" | "ndjson" (as actually read)
  std::string encoding;   // "UTF-8", "UTF-8-BOM", "GB18030", "UTF-16LE", "UTF-16BE", …
  std::string delimiter;  // csv: "," "\t" ";" "|"; others: ""
  std::string sheet;      // xlsx: the sheet read; others: ""
};

// One data row, values in header order. nullopt is a null: an empty CSV cell (quoted or not),
// an empty or missing XLSX cell, JSON null or a key missing from an object. A JSON "" stays "".
// A CSV or XLSX row may have more or fewer values than the header: it is returned as it is and
// RowValidator reports it (one violation); readers never pad or cut a row silently, except
// that trailing null cells beyond the header are dropped.
using Record = std::vector<std::optional<std::string>>;

// Not thread-safe; one reader per file. Errors are Error::invalid with a Chinese message that
// names the line (CSV, NDJSON), record (JSON array) or sheet row (XLSX) and never quotes a
// value from the file (values may be personal data).
class RecordReader {
 public:
  virtual ~RecordReader() = default;
  // Column names in file order, UTF-8, trimmed of blanks, BOM removed; non-empty and unique
  // (open_reader fails otherwise).
  virtual const std::vector<std::string>& header() const = 0;
  // Reads the next data row into `out`, reusing its strings' capacity. false at the end.
  // Blank lines (CSV) and rows without any value (XLSX) are skipped, not returned.
  virtual Result<bool> next(Record& out) = 0;
  // Bytes of the source file consumed so far and its size, for progress display. For XLSX the
  // consumed count is an estimate from the sheet's decompression progress.
  virtual std::uint64_t bytes_read() const = 0;
  virtual std::uint64_t total_bytes() const = 0;
  // 1-based number of the last record returned by next() (the header is not counted): the
  // number accepted + rejected must add up to at the end.
  virtual std::int64_t record_number() const = 0;
  // Where the last record is in the file, for messages people can look up: the line where it
  // starts (CSV, NDJSON; the header is line 1 when it is the first line), the sheet row (XLSX)
  // or the position in the array (JSON array, header object = 1). Addition to the agreed API.
  virtual std::int64_t source_row() const { return record_number() + 1; }
  virtual SourceInfo info() const = 0;
};

// Opens `path` and reads up to the header (and detects encoding and delimiter for CSV).
// invalid_argument for unreadable or malformed files, not_found when the file is missing.
Result<std::unique_ptr<RecordReader>> open_reader(const std::string& path,
                                                  const ReaderOptions& opt);

}  // namespace kf::ingest
