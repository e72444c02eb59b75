// XLSX input: the sheet XML is decompressed and parsed in 256 KB chunks; expat is suspended at
// the end of every row that has a value, so next() hands out one row at a time and memory
// holds one chunk and one row, plus the shared strings (bounded by Limits).
#include <algorithm>
#include <charconv>
#include <cstdlib>

#include "ingest/reader_common.h"
#include "ingest/xlsx_parts.h"
#include "ingest/xlsx_xml.h"

namespace kf::ingest::detail {

namespace {

constexpr std::size_t kChunk = std::size_t{256} << 10;

// "C5" → 2 (0-based column); -1 without letters or past XFD.
int column_of(const char* ref) {
  int col = 0, letters = 0;
  for (; *ref >= 'A' && *ref <= 'Z'; ++ref, ++letters) col = col * 26 + (*ref - 'A' + 1);
  return letters == 0 || letters > 3 ? -1 : col - 1;
}

std::string row_label(std::int64_t row) { return "第 " + std::to_string(row) + " 行"; }

class XlsxReader final : public RecordReader, private XmlEvents {
 public:
  Result<void> init(const std::string& path, const ReaderOptions& opt);
  const std::vector<std::string>& header() const override { return header_; }
  Result<bool> next(Record& out) override;
  std::uint64_t bytes_read() const override;
  std::uint64_t total_bytes() const override { return zip_->file_size(); }
  std::int64_t record_number() const override { return records_; }
  std::int64_t source_row() const override { return row_num_; }
  SourceInfo info() const override { return info_; }

 private:
  Result<bool> next_row();  // the next row with at least one value, into row_
  void on_start(XmlParser& p, std::string_view name, const char** attrs) override;
  void on_end(XmlParser& p, std::string_view name) override;
  void on_text(XmlParser& p, std::string_view text) override;
  void end_cell(XmlParser& p);
  Error error_in_row(const std::string& msg) const {
    return Error::invalid("工作表「" + info_.sheet + "」" + row_label(row_num_) + "：" + msg,
                          "file");
  }

  // Declaration order matters: the entry must close before the archive.
  std::unique_ptr<ZipArchive> zip_;
  std::unique_ptr<ZipEntry> entry_;
  std::unique_ptr<XmlParser> parser_;
  Limits limits_;
  SharedStrings strings_;
  std::vector<DateKind> styles_;
  bool date1904_ = false;
  std::string chunk_;  // must stay untouched while the parser is suspended inside it
  bool suspended_ = false, last_fed_ = false, finished_ = false;

  // Parse state of the current row and cell.
  Record row_;
  bool row_has_value_ = false, row_ready_ = false;
  std::int64_t row_num_ = 0;  // sheet row number (1-based) of the current row
  int col_ = -1, next_col_ = 0, style_ = 0;
  char type_ = 'n';  // s shared, i inline, b bool, e error, t formula string, d ISO date, n number
  bool in_v_ = false, in_is_ = false, in_t_ = false, have_text_ = false;
  int in_rph_ = 0;
  std::string text_;

  std::vector<std::string> header_;
  std::int64_t records_ = 0;
  SourceInfo info_;
};

Result<void> XlsxReader::init(const std::string& path, const ReaderOptions& opt) {
  limits_ = opt.limits;
  KF_ASSIGN(zip_, ZipArchive::open(path, limits_));
  KF_ASSIGN(const Workbook wb, read_workbook(*zip_));
  if (wb.sheets.empty()) return Error::invalid("XLSX 文件中没有工作表", "sheet");
  const SheetRef* sheet = &wb.sheets.front();
  if (!opt.sheet.empty()) {
    sheet = nullptr;
    std::string names;
    for (const auto& s : wb.sheets) {
      if (s.name == opt.sheet) sheet = &s;
      names += (names.empty() ? "" : "、") + s.name;
    }
    if (!sheet) {
      return Error::invalid("工作簿中没有名为「" + opt.sheet + "」的工作表（现有：" + names + "）",
                            "sheet");
    }
  }
  const std::string sheet_path = wb.sheet_path(sheet->rel_id);
  if (sheet_path.empty() || !zip_->has(sheet_path)) {
    return corrupt_xlsx("sheet part missing for " + sheet->rel_id);
  }
  date1904_ = wb.date1904;
  if (!wb.styles_path.empty()) {
    KF_ASSIGN(styles_, read_styles(*zip_, wb.styles_path));
  }
  if (!wb.shared_strings_path.empty()) {
    KF_ASSIGN(strings_, read_shared_strings(*zip_, wb.shared_strings_path, limits_));
  }
  info_ = {"xlsx", "UTF-8", "", sheet->name};
  KF_ASSIGN(entry_, zip_->open_entry(sheet_path));
  parser_ = std::make_unique<XmlParser>(static_cast<XmlEvents&>(*this));
  chunk_.resize(kChunk);

  KF_ASSIGN(const bool any, next_row());
  if (!any) return Error::invalid("工作表「" + sheet->name + "」是空的，没有表头", "sheet");
  KF_ASSIGN(header_, make_header(row_, "工作表「" + sheet->name + "」" + row_label(row_num_)));
  return kf::ok();
}

std::uint64_t XlsxReader::bytes_read() const {
  if (finished_ || !entry_ || entry_->declared_size() == 0) return finished_ ? total_bytes() : 0;
  const double frac =
      static_cast<double>(entry_->produced()) / static_cast<double>(entry_->declared_size());
  return static_cast<std::uint64_t>(std::min(1.0, frac) * static_cast<double>(total_bytes()));
}

Result<bool> XlsxReader::next(Record& out) {
  KF_ASSIGN(const bool got, next_row());
  if (!got) return false;
  ++records_;
  drop_trailing_nulls(row_, header_.size());
  out.swap(row_);
  return true;
}

Result<bool> XlsxReader::next_row() {
  for (;;) {
    if (row_ready_) {
      row_ready_ = false;
      return true;
    }
    if (finished_) return false;
    XML_Status st;
    if (suspended_) {
      KF_ASSIGN(st, parser_->resume());
    } else {
      KF_ASSIGN(const std::size_t n, entry_->read(chunk_.data(), chunk_.size()));
      last_fed_ = n == 0;
      KF_ASSIGN(st, parser_->parse(chunk_.data(), n, last_fed_));
    }
    suspended_ = st == XML_STATUS_SUSPENDED;
    if (!suspended_ && last_fed_) finished_ = true;
  }
}

void XlsxReader::on_start(XmlParser& p, std::string_view name, const char** a) {
  if (name == "c") {
    const char* r = xml_attr(a, "r");
    col_ = r ? column_of(r) : next_col_;
    if (col_ < 0) return p.fail(error_in_row("单元格引用无效"));
    if (static_cast<std::size_t>(col_) >= limits_.max_columns) {
      return p.fail(error_in_row("列数超过上限 " + std::to_string(limits_.max_columns)));
    }
    const char* t = xml_attr(a, "t");
    const std::string_view tv = t ? t : "n";
    type_ = tv == "s"           ? 's'
            : tv == "inlineStr" ? 'i'
            : tv == "b"         ? 'b'
            : tv == "e"         ? 'e'
            : tv == "str"       ? 't'
            : tv == "d"         ? 'd'
                                : 'n';
    const char* s = xml_attr(a, "s");
    style_ = s ? std::atoi(s) : 0;
    text_.clear();
    have_text_ = false;
  } else if (name == "v") {
    in_v_ = true;
  } else if (name == "is") {
    in_is_ = true;
  } else if (name == "t") {
    in_t_ = true;
  } else if (name == "rPh") {
    ++in_rph_;
  } else if (name == "row") {
    const char* r = xml_attr(a, "r");
    row_num_ = r ? std::atoll(r) : row_num_ + 1;
    for (auto& v : row_) v.reset();
    row_.clear();
    row_has_value_ = false;
    next_col_ = 0;
  }
}

void XlsxReader::on_text(XmlParser& p, std::string_view s) {
  if (!(in_v_ || (in_is_ && in_t_ && in_rph_ == 0))) return;
  text_.append(s);
  have_text_ = true;
  if (text_.size() > limits_.max_field_bytes) {
    p.fail(
        error_in_row("单元格内容超过 " + std::to_string(limits_.max_field_bytes) + " 字节的上限"));
  }
}

void XlsxReader::on_end(XmlParser& p, std::string_view name) {
  if (name == "v") {
    in_v_ = false;
  } else if (name == "t") {
    in_t_ = false;
  } else if (name == "is") {
    in_is_ = false;
  } else if (name == "rPh") {
    --in_rph_;
  } else if (name == "c") {
    end_cell(p);
  } else if (name == "row" && row_has_value_) {
    row_ready_ = true;
    p.suspend();
  }
}

// Turns the collected text into the cell's value by the cell's type and style.
void XlsxReader::end_cell(XmlParser& p) {
  next_col_ = col_ + 1;
  if (!have_text_) return;
  std::optional<std::string> v;
  switch (type_) {
    case 's': {
      std::size_t idx = 0;
      const auto [ptr, ec] = std::from_chars(text_.data(), text_.data() + text_.size(), idx);
      if (ec != std::errc() || idx >= strings_.size()) {
        return p.fail(error_in_row("引用了不存在的共享字符串"));
      }
      v.emplace(strings_.at(idx));
      break;
    }
    case 'b':
      v.emplace(text_ == "1" || text_ == "true" ? "true" : "false");
      break;
    case 'n': {
      const DateKind kind = style_ >= 0 && static_cast<std::size_t>(style_) < styles_.size()
                                ? styles_[static_cast<std::size_t>(style_)]
                                : DateKind::none;
      auto iso = excel_serial_to_iso(text_, kind, date1904_);
      v.emplace(iso ? std::move(*iso) : text_);
      break;
    }
    default:
      v.emplace(text_);
      break;
  }
  if (v->empty()) return;
  const auto c = static_cast<std::size_t>(col_);
  if (row_.size() <= c) row_.resize(c + 1);
  row_[c] = std::move(v);
  row_has_value_ = true;
}

}  // namespace

Result<std::unique_ptr<RecordReader>> open_xlsx(const std::string& path, const ReaderOptions& opt) {
  auto r = std::make_unique<XlsxReader>();
  KF_TRY(r->init(path, opt));
  return std::unique_ptr<RecordReader>(std::move(r));
}

}  // namespace kf::ingest::detail
