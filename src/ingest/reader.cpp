#include "ingest/reader.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <unordered_set>

#include "ingest/reader_common.h"

namespace kf::ingest {

std::string_view to_string(Format f) {
  switch (f) {
    case Format::csv:
      return "csv";
    case Format::xlsx:
      return "xlsx";
    case Format::json:
      return "json";
    case Format::ndjson:
      return "ndjson";
  }
  return "csv";
}

Result<Format> format_from_name(std::string_view name) {
  const auto dot = name.rfind('.');
  std::string ext(dot == std::string_view::npos ? name : name.substr(dot + 1));
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == "csv" || ext == "txt" || ext == "tsv") return Format::csv;
  if (ext == "xlsx") return Format::xlsx;
  if (ext == "json") return Format::json;
  if (ext == "ndjson" || ext == "jsonl") return Format::ndjson;
  if (ext == "xls") {
    return Error::invalid("不支持旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 或 CSV", "file");
  }
  return Error::invalid("不支持的文件格式，请上传 CSV、XLSX、JSON 或 NDJSON 文件", "file");
}

Result<std::unique_ptr<RecordReader>> open_reader(const std::string& path,
                                                  const ReaderOptions& opt) {
  switch (opt.format) {
    case Format::csv:
      return detail::open_csv(path, opt);
    case Format::xlsx:
      return detail::open_xlsx(path, opt);
    case Format::json:
    case Format::ndjson:
      return detail::open_json(path, opt);
  }
  return Error::internal("unknown ingest format");
}

namespace detail {

std::string_view trim_name(std::string_view s) {
  static constexpr std::string_view kBom = "\xEF\xBB\xBF";
  static constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";
  for (bool changed = true; changed && !s.empty();) {
    changed = false;
    for (auto cut : {kBom, kIdeographicSpace}) {
      if (s.starts_with(cut)) s.remove_prefix(cut.size()), changed = true;
      if (s.ends_with(cut) && cut != kBom) s.remove_suffix(cut.size()), changed = true;
    }
    while (!s.empty() &&
           (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) {
      s.remove_prefix(1), changed = true;
    }
    while (!s.empty() &&
           (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
      s.remove_suffix(1), changed = true;
    }
  }
  return s;
}

Result<std::vector<std::string>> make_header(const Record& first_row, std::string_view row_label) {
  std::vector<std::string> header;
  header.reserve(first_row.size());
  for (const auto& v : first_row) {
    header.emplace_back(v ? trim_name(*v) : std::string_view{});
  }
  while (!header.empty() && header.back().empty()) header.pop_back();
  if (header.empty()) return Error::invalid("文件没有表头（第一行为空）", "file");
  std::unordered_set<std::string_view> seen;
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i].empty()) {
      return Error::invalid(
          "表头（" + std::string(row_label) + "）第 " + std::to_string(i + 1) + " 列的列名为空",
          "file");
    }
    if (!seen.insert(header[i]).second) {
      return Error::invalid("表头中的列名「" + header[i] + "」重复", "file");
    }
  }
  return header;
}

void drop_trailing_nulls(Record& row, std::size_t width) {
  while (row.size() > width && !row.back()) row.pop_back();
}

Error open_error(const std::string& path, int err) {
  (void)path;  // the server's path is not the client's business
  if (err == ENOENT) return Error::not_found("上传的文件不存在");
  Error e = Error::invalid("无法读取上传的文件", "file");
  e.detail = "open " + path + ": errno " + std::to_string(err);
  return e;
}

}  // namespace detail
}  // namespace kf::ingest
