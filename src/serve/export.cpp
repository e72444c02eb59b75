#include "serve/export.h"

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <boost/json.hpp>
#include <cstdio>
#include <filesystem>

#include "core/crypto.h"

namespace kf::serve {

namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kChunk = 64 * 1024;
constexpr std::int64_t kXlsxMaxRows = 1048575;  // one row is the header

std::string cell_text(const db::Value& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&v)) return fmt::format("{}", *d);
  return {};
}

// Rows of the version table in the dictionary's order, read through a cursor.
class RowSource {
 public:
  RowSource(catalog::CatalogService::OpenVersion v) : v_(std::move(v)) {}
  Result<void> open() {
    const std::string cols = catalog::physical_columns(v_.version.columns.size());
    KF_ASSIGN(cursor_, v_.table->connection().open_cursor("SELECT " + cols + " FROM " + v_.from,
                                                          std::span<const db::Value>{}));
    return kf::ok();
  }
  Result<bool> next(std::vector<db::Value>& row) { return cursor_->next(row); }
  const std::vector<core::Field>& fields() const { return v_.version.columns; }

 private:
  catalog::CatalogService::OpenVersion v_;
  std::unique_ptr<db::Cursor> cursor_;  // declared after v_: destroyed before its connection
};

class CsvStream final : public ExportStream {
 public:
  CsvStream(std::unique_ptr<RowSource> src, bool bom) : src_(std::move(src)), bom_(bom) {}
  Result<bool> next(std::string& chunk) override {
    chunk.clear();
    if (done_) return false;
    if (!started_) {
      started_ = true;
      if (bom_) chunk += "\xEF\xBB\xBF";
      for (std::size_t i = 0; i < src_->fields().size(); ++i) {
        if (i) chunk += ',';
        append_csv_field(chunk, src_->fields()[i].name);
      }
      chunk += "\r\n";
    }
    while (chunk.size() < kChunk) {
      KF_ASSIGN(bool more, src_->next(row_));
      if (!more) {
        done_ = true;
        break;
      }
      for (std::size_t i = 0; i < row_.size(); ++i) {
        if (i) chunk += ',';
        append_csv_field(chunk, cell_text(row_[i]));
      }
      chunk += "\r\n";
    }
    return !chunk.empty();
  }

 private:
  std::unique_ptr<RowSource> src_;
  bool bom_;
  bool started_ = false, done_ = false;
  std::vector<db::Value> row_;
};

class JsonStream final : public ExportStream {
 public:
  explicit JsonStream(std::unique_ptr<RowSource> src) : src_(std::move(src)) {}
  Result<bool> next(std::string& chunk) override {
    chunk.clear();
    if (done_) return false;
    if (!started_) {
      started_ = true;
      chunk += '[';
    }
    while (chunk.size() < kChunk) {
      KF_ASSIGN(bool more, src_->next(row_));
      if (!more) {
        done_ = true;
        chunk += "]\n";
        break;
      }
      json::object o;
      for (std::size_t i = 0; i < row_.size() && i < src_->fields().size(); ++i) {
        const auto& v = row_[i];
        json::value jv = nullptr;
        if (const auto* s = std::get_if<std::string>(&v)) jv = json::value(*s);
        else if (const auto* n = std::get_if<std::int64_t>(&v))
          jv = src_->fields()[i].type == core::FieldType::boolean ? json::value(*n != 0) : json::value(*n);
        else if (const auto* d = std::get_if<double>(&v)) jv = *d;
        o[src_->fields()[i].name] = std::move(jv);
      }
      if (rows_++) chunk += ',';
      chunk += json::serialize(o);
    }
    return true;
  }

 private:
  std::unique_ptr<RowSource> src_;
  bool started_ = false, done_ = false;
  std::int64_t rows_ = 0;
  std::vector<db::Value> row_;
};

// libxlsxwriter writes a file (in constant-memory mode: row by row); it is assembled on the
// first call and then sent in pieces.
class XlsxStream final : public ExportStream {
 public:
  XlsxStream(std::unique_ptr<RowSource> src, std::string path) : src_(std::move(src)), path_(std::move(path)) {}
  ~XlsxStream() override {
    if (file_) std::fclose(file_);
    std::error_code ec;
    fs::remove(path_, ec);
  }
  Result<bool> next(std::string& chunk) override {
    if (!file_) {
      KF_TRY(build());
      file_ = std::fopen(path_.c_str(), "rb");
      if (!file_) return Error::internal("cannot reopen xlsx " + path_);
    }
    chunk.resize(kChunk);
    std::size_t n = std::fread(chunk.data(), 1, kChunk, file_);
    chunk.resize(n);
    return n > 0;
  }

 private:
  Result<void> build() {
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    std::string tmpdir = fs::path(path_).parent_path().string();
    options.tmpdir = tmpdir.data();
    lxw_workbook* wb = workbook_new_opt(path_.c_str(), &options);
    if (!wb) return Error::internal("workbook_new_opt failed for " + path_);
    lxw_worksheet* ws = workbook_add_worksheet(wb, "数据");
    const auto& fields = src_->fields();
    for (std::size_t c = 0; c < fields.size(); ++c) {
      worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), fields[c].name.c_str(), nullptr);
    }
    std::vector<db::Value> row;
    lxw_row_t r = 1;
    while (true) {
      auto more = src_->next(row);
      if (!more) {
        workbook_close(wb);
        return more.error();
      }
      if (!*more) break;
      for (std::size_t c = 0; c < row.size(); ++c) {
        auto col = static_cast<lxw_col_t>(c);
        if (const auto* s = std::get_if<std::string>(&row[c])) {
          worksheet_write_string(ws, r, col, s->c_str(), nullptr);
        } else if (const auto* i = std::get_if<std::int64_t>(&row[c])) {
          if (fields[c].type == core::FieldType::boolean) {
            worksheet_write_boolean(ws, r, col, *i != 0, nullptr);
          } else {
            worksheet_write_number(ws, r, col, static_cast<double>(*i), nullptr);
          }
        } else if (const auto* d = std::get_if<double>(&row[c])) {
          worksheet_write_number(ws, r, col, *d, nullptr);
        }
      }
      ++r;
    }
    lxw_error err = workbook_close(wb);
    if (err != LXW_NO_ERROR) return Error::internal(std::string("xlsx: ") + lxw_strerror(err));
    return kf::ok();
  }

  std::unique_ptr<RowSource> src_;
  std::string path_;
  std::FILE* file_ = nullptr;
};

}  // namespace

void append_csv_field(std::string& out, std::string_view v) {
  bool quote = v.find_first_of(",\"\r\n") != std::string_view::npos || (!v.empty() && (v.front() == ' ' || v.back() == ' '));
  if (!quote) {
    out.append(v);
    return;
  }
  out += '"';
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

Result<ExportFormat> parse_export_format(std::string_view s) {
  if (s.empty() || s == "csv") return ExportFormat::csv;
  if (s == "json") return ExportFormat::json;
  if (s == "xlsx") return ExportFormat::xlsx;
  return Error::invalid("下载格式应为 csv、json 或 xlsx", "format");
}

std::string export_etag(std::int64_t version_id, ExportFormat format, bool bom) {
  const char* f = format == ExportFormat::csv ? "csv" : format == ExportFormat::json ? "json" : "xlsx";
  return fmt::format("\"v{}-{}{}\"", version_id, f, bom ? "-bom" : "");
}

std::string content_disposition(const std::string& file_name) {
  std::string ascii, encoded;
  for (unsigned char c : file_name) {
    bool plain = std::isalnum(c) || c == '.' || c == '-' || c == '_';
    ascii += c < 0x80 && c != '"' && c != '\\' ? static_cast<char>(c) : '_';
    if (plain) {
      encoded += static_cast<char>(c);
    } else {
      encoded += fmt::format("%{:02X}", c);
    }
  }
  return fmt::format("attachment; filename=\"{}\"; filename*=UTF-8''{}", ascii, encoded);
}

Result<Export> open_export(catalog::CatalogService& catalog, const catalog::Actor* actor, const std::string& code,
                           const catalog::ReadPermit& permit, ExportFormat format, bool bom,
                           const std::string& tmp_dir) {
  KF_ASSIGN(auto opened, catalog.open_published(actor, code, permit, true));
  Export out;
  out.rows = opened.version.row_count;
  out.etag = export_etag(opened.version.id, format, bom);
  out.version_id = opened.version.id;
  out.entry_name = opened.entry.meta.name;
  std::string base = opened.entry.meta.name;
  if (format == ExportFormat::xlsx && out.rows > kXlsxMaxRows) {
    return Error::invalid(fmt::format("XLSX 最多 {} 行，本数据集有 {} 行，请下载 CSV", kXlsxMaxRows, out.rows), "format");
  }
  auto src = std::make_unique<RowSource>(std::move(opened));
  KF_TRY(src->open());
  switch (format) {
    case ExportFormat::csv:
      out.file_name = base + ".csv";
      out.content_type = "text/csv; charset=utf-8";
      out.stream = std::make_unique<CsvStream>(std::move(src), bom);
      break;
    case ExportFormat::json:
      out.file_name = base + ".json";
      out.content_type = "application/json; charset=utf-8";
      out.stream = std::make_unique<JsonStream>(std::move(src));
      break;
    case ExportFormat::xlsx: {
      std::error_code ec;
      fs::create_directories(tmp_dir, ec);
      out.file_name = base + ".xlsx";
      out.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
      out.stream = std::make_unique<XlsxStream>(std::move(src), tmp_dir + "/export-" + core::random_token(9) + ".xlsx");
      break;
    }
  }
  return out;
}

}  // namespace kf::serve
