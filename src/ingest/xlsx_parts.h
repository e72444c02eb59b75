// Private to the ingest module: the small XLSX parts read before the sheet — the workbook (sheet
// names, 1904 flag), its relationships (where each part lives), the styles (which cells hold
// dates) and the shared strings (kept in one compact buffer, bounded by Limits).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ingest/xlsx_dates.h"
#include "ingest/xlsx_zip.h"

namespace kf::ingest::detail {

struct SheetRef {
  std::string name;
  std::string rel_id;
};

struct Workbook {
  std::vector<SheetRef> sheets;  // in workbook order
  bool date1904 = false;
  std::string sheet_path(const std::string& rel_id) const;  // "" when unknown
  std::string shared_strings_path;                          // "" when the workbook has none
  std::string styles_path;
  std::vector<std::pair<std::string, std::string>> rels;  // id → zip path
};

// Reads xl/workbook.xml and xl/_rels/workbook.xml.rels.
Result<Workbook> read_workbook(ZipArchive& zip);

// Date kind of every cell format (index = the s attribute of a cell).
Result<std::vector<DateKind>> read_styles(ZipArchive& zip, const std::string& path);

class SharedStrings {
 public:
  std::size_t size() const { return ends_.size(); }
  std::string_view at(std::size_t i) const {
    const std::uint64_t begin = i == 0 ? 0 : ends_[i - 1];
    return std::string_view(text_).substr(begin, ends_[i] - begin);
  }

 private:
  friend Result<SharedStrings> read_shared_strings(ZipArchive&, const std::string&, const Limits&);
  std::string text_;                 // all strings back to back
  std::vector<std::uint64_t> ends_;  // end offset of each
};

// Rich-text runs are joined; phonetic guides (<rPh>) are left out. Refuses when the strings
// need more than limits.xlsx_max_shared_strings_bytes.
Result<SharedStrings> read_shared_strings(ZipArchive& zip, const std::string& path,
                                          const Limits& limits);

}  // namespace kf::ingest::detail
