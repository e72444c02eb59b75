// Private to the ingest module: the per-format factories behind open_reader() and the header
// rules every format shares.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/reader.h"

namespace kf::ingest::detail {

Result<std::unique_ptr<RecordReader>> open_csv(const std::string& path, const ReaderOptions& opt);
Result<std::unique_ptr<RecordReader>> open_xlsx(const std::string& path, const ReaderOptions& opt);
// Reads both a JSON array of objects and NDJSON, whichever the file holds.
Result<std::unique_ptr<RecordReader>> open_json(const std::string& path, const ReaderOptions& opt);

// Removes blanks (ASCII, U+3000 ideographic space) at both ends and a leading U+FEFF.
std::string_view trim_name(std::string_view s);

// Turns the first row into the header: trims names, drops trailing empty columns (Excel often
// exports a stray empty column) and refuses empty or duplicate names. `row_label` names the row
// in messages, e.g. "第 1 行".
Result<std::vector<std::string>> make_header(const Record& first_row, std::string_view row_label);

// Drops null values past `width` at the end of `row`: trailing empty cells are formatting
// noise, not data. A non-null value past the header stays and makes the row too long.
void drop_trailing_nulls(Record& row, std::size_t width);

// Error::invalid for a file that cannot be opened; not_found when it does not exist.
Error open_error(const std::string& path, int err);

}  // namespace kf::ingest::detail
