// The rejected rows of an upload as a CSV for the uploader (PUB-2): the original columns plus a
// last column 原因 with the reasons. It goes back to the person who uploaded the data, so it
// holds their values, sensitive ones included — it must never be logged or shown to others.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "core/error.h"
#include "ingest/reader.h"
#include "ingest/validator.h"

namespace kf::ingest {

// UTF-8 with BOM (so that Excel opens it right), CRLF line ends, RFC 4180 quoting (a value is
// quoted when it has a comma, quote, CR or LF, or blanks at either end). The header row is written
// by the constructor. Not thread-safe.
class RejectWriter {
 public:
  RejectWriter(std::string path, const std::vector<std::string>& header);
  ~RejectWriter();  // closes the file; call close() to learn about write errors
  RejectWriter(const RejectWriter&) = delete;
  RejectWriter& operator=(const RejectWriter&) = delete;

  // Writes the row's values (a short row is padded with empty cells to the header's width, a
  // long row keeps all its values) and the reasons as "列名：原因" joined with "；".
  void add(const Record& row, const std::vector<Violation>& violations);
  // Flushes and closes; Error::internal (detail for the log) if the file could not be written.
  Result<void> close();
  std::int64_t rows() const { return rows_; }
  const std::string& path() const { return path_; }

 private:
  void cell(std::string_view v);
  void flush_if_full();

  std::string path_;
  std::size_t width_;
  std::FILE* f_ = nullptr;
  std::string buf_;
  bool failed_ = false;
  std::int64_t rows_ = 0;
};

}  // namespace kf::ingest
