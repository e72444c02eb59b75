#include "ingest/xlsx_parts.h"

#include <algorithm>
#include <charconv>
#include <unordered_map>

#include "ingest/xlsx_xml.h"

namespace kf::ingest::detail {

namespace {

int to_int(const char* s, int fallback) {
  if (!s) return fallback;
  int v = fallback;
  const std::string_view sv(s);
  const auto [p, ec] = std::from_chars(sv.data(), sv.data() + sv.size(), v);
  return ec == std::errc() ? v : fallback;
}

// A relationship target is relative to the folder of the part that refers to it ("xl/"),
// or absolute from the package root when it starts with '/'.
std::string resolve(std::string_view target) {
  if (target.starts_with('/')) return std::string(target.substr(1));
  std::string base = "xl/";
  while (target.starts_with("./")) target.remove_prefix(2);
  if (target.starts_with("../")) {
    target.remove_prefix(3);
    base.clear();
  }
  return base + std::string(target);
}

Result<void> parse_part(ZipArchive& zip, const std::string& path, XmlEvents& ev) {
  KF_ASSIGN(auto entry, zip.open_entry(path));
  XmlParser parser(ev);
  return parser.parse_entry(*entry);
}

struct WorkbookEvents final : XmlEvents {
  Workbook* wb;
  void on_start(XmlParser&, std::string_view name, const char** a) override {
    if (name == "workbookPr") {
      const char* v = xml_attr(a, "date1904");
      wb->date1904 = v && (std::string_view(v) == "1" || std::string_view(v) == "true");
    } else if (name == "sheet") {
      const char* n = xml_attr(a, "name");
      const char* id = xml_attr(a, "id", true);
      if (n && id) wb->sheets.push_back({n, id});
    }
  }
  void on_end(XmlParser&, std::string_view) override {}
  void on_text(XmlParser&, std::string_view) override {}
};

struct RelsEvents final : XmlEvents {
  Workbook* wb;
  void on_start(XmlParser&, std::string_view name, const char** a) override {
    if (name != "Relationship") return;
    const char* id = xml_attr(a, "Id");
    const char* type = xml_attr(a, "Type");
    const char* target = xml_attr(a, "Target");
    const char* mode = xml_attr(a, "TargetMode");
    if (!id || !type || !target || (mode && std::string_view(mode) == "External")) return;
    const std::string path = resolve(target);
    const std::string_view t(type);
    if (t.ends_with("/sharedStrings")) wb->shared_strings_path = path;
    if (t.ends_with("/styles")) wb->styles_path = path;
    wb->rels.emplace_back(id, path);
  }
  void on_end(XmlParser&, std::string_view) override {}
  void on_text(XmlParser&, std::string_view) override {}
};

struct StylesEvents final : XmlEvents {
  std::unordered_map<int, DateKind> custom;  // numFmtId → kind
  std::vector<int> xf_fmt;                   // cellXfs → numFmtId
  int in_cell_xfs = 0;
  void on_start(XmlParser&, std::string_view name, const char** a) override {
    if (name == "numFmt") {
      const char* code = xml_attr(a, "formatCode");
      custom[to_int(xml_attr(a, "numFmtId"), -1)] =
          code ? format_code_date_kind(code) : DateKind::none;
    } else if (name == "cellXfs") {
      ++in_cell_xfs;
    } else if (name == "xf" && in_cell_xfs > 0) {
      xf_fmt.push_back(to_int(xml_attr(a, "numFmtId"), 0));
    }
  }
  void on_end(XmlParser&, std::string_view name) override {
    if (name == "cellXfs") --in_cell_xfs;
  }
  void on_text(XmlParser&, std::string_view) override {}
};

}  // namespace

std::string Workbook::sheet_path(const std::string& rel_id) const {
  for (const auto& [id, path] : rels) {
    if (id == rel_id) return path;
  }
  return {};
}

Result<Workbook> read_workbook(ZipArchive& zip) {
  Workbook wb;
  WorkbookEvents w;
  w.wb = &wb;
  KF_TRY(parse_part(zip, "xl/workbook.xml", w));
  RelsEvents r;
  r.wb = &wb;
  KF_TRY(parse_part(zip, "xl/_rels/workbook.xml.rels", r));
  // Some writers leave the relationships of these two out; the names are conventional.
  if (wb.shared_strings_path.empty() && zip.has("xl/sharedStrings.xml")) {
    wb.shared_strings_path = "xl/sharedStrings.xml";
  }
  if (wb.styles_path.empty() && zip.has("xl/styles.xml")) wb.styles_path = "xl/styles.xml";
  return wb;
}

Result<std::vector<DateKind>> read_styles(ZipArchive& zip, const std::string& path) {
  StylesEvents ev;
  KF_TRY(parse_part(zip, path, ev));
  std::vector<DateKind> kinds;
  kinds.reserve(ev.xf_fmt.size());
  for (int id : ev.xf_fmt) {
    auto it = ev.custom.find(id);  // a numFmt in the file overrides the built-in meaning
    kinds.push_back(it != ev.custom.end() ? it->second : builtin_date_kind(id));
  }
  return kinds;
}

namespace {

struct SharedStringsEvents final : XmlEvents {
  std::string* text;
  std::vector<std::uint64_t>* ends;
  Limits limits;
  int in_si = 0, in_t = 0, in_rph = 0;
  std::uint64_t cur_start = 0;
  void on_start(XmlParser&, std::string_view name, const char**) override {
    if (name == "si") {
      ++in_si;
      cur_start = text->size();
    } else if (name == "t") {
      ++in_t;
    } else if (name == "rPh") {
      ++in_rph;
    }
  }
  void on_end(XmlParser& p, std::string_view name) override {
    if (name == "si") {
      --in_si;
      ends->push_back(text->size());
      if (text->size() + ends->size() * sizeof(std::uint64_t) >
          limits.xlsx_max_shared_strings_bytes) {
        Error e = Error::invalid("XLSX 文件的共享字符串超过 " +
                                     std::to_string(limits.xlsx_max_shared_strings_bytes >> 20) +
                                     " MB 的上限，已拒绝",
                                 "file");
        p.fail(std::move(e));
      }
    } else if (name == "t") {
      --in_t;
    } else if (name == "rPh") {
      --in_rph;
    }
  }
  void on_text(XmlParser& p, std::string_view s) override {
    if (in_si > 0 && in_t > 0 && in_rph == 0) {
      text->append(s);
      if (text->size() - cur_start > limits.max_field_bytes) {
        p.fail(Error::invalid(
            "XLSX 文件中有超过 " + std::to_string(limits.max_field_bytes) + " 字节上限的文本",
            "file"));
      }
    }
  }
};

}  // namespace

Result<SharedStrings> read_shared_strings(ZipArchive& zip, const std::string& path,
                                          const Limits& limits) {
  SharedStrings ss;
  SharedStringsEvents ev;
  ev.text = &ss.text_;
  ev.ends = &ss.ends_;
  ev.limits = limits;
  KF_ASSIGN(auto entry, zip.open_entry(path));
  // The text is shorter than its XML: reserving that much (within the limit) avoids the
  // doubling growth that could briefly take twice the limit.
  ss.text_.reserve(static_cast<std::size_t>(
      std::min(entry->declared_size(), limits.xlsx_max_shared_strings_bytes)));
  XmlParser parser(ev);
  KF_TRY(parser.parse_entry(*entry));
  return ss;
}

}  // namespace kf::ingest::detail
