// Private to the ingest module: a thin RAII layer over expat for the XLSX parts. Namespaces are
// resolved, so elements and attributes are matched by local name whatever prefix the writer
// used (<x:c> and <c> alike). DOCTYPE declarations are refused: OOXML never has them, and
// refusing them closes the door to entity expansion tricks.
#pragma once

#include <expat.h>

#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "ingest/xlsx_zip.h"

namespace kf::ingest::detail {

// "uri|local" or "local" → "local".
inline std::string_view local_name(const char* name) {
  std::string_view s(name);
  const auto bar = s.rfind('|');
  return bar == std::string_view::npos ? s : s.substr(bar + 1);
}

// The value of the attribute with this local name, or null. `ns_only`: only an attribute in a
// namespace (r:id), not a plain one of the same local name.
inline const char* xml_attr(const char** attrs, std::string_view local, bool ns_only = false) {
  for (; *attrs; attrs += 2) {
    std::string_view name(attrs[0]);
    const auto bar = name.rfind('|');
    if (bar == std::string_view::npos) {
      if (!ns_only && name == local) return attrs[1];
    } else if (name.substr(bar + 1) == local) {
      return attrs[1];
    }
  }
  return nullptr;
}

class XmlParser;

class XmlEvents {
 public:
  virtual ~XmlEvents() = default;
  virtual void on_start(XmlParser& p, std::string_view name, const char** attrs) = 0;
  virtual void on_end(XmlParser& p, std::string_view name) = 0;
  virtual void on_text(XmlParser& p, std::string_view text) = 0;
};

class XmlParser {
 public:
  explicit XmlParser(XmlEvents& ev);
  ~XmlParser();
  XmlParser(const XmlParser&) = delete;
  XmlParser& operator=(const XmlParser&) = delete;

  // Stops parsing for good with `e` as the result (from inside a handler).
  void fail(Error e);
  // Pauses after the current event; parse() then returns XML_STATUS_SUSPENDED.
  void suspend() { XML_StopParser(p_, XML_TRUE); }

  // One chunk; `last` for the final (possibly empty) one. A returned error is final.
  Result<XML_Status> parse(const char* data, std::size_t n, bool last);
  Result<XML_Status> resume();
  // Feeds a whole zip entry in chunks, without suspension.
  Result<void> parse_entry(ZipEntry& entry);

 private:
  Result<XML_Status> check(XML_Status s);

  XML_Parser p_;
  XmlEvents& ev_;
  std::optional<Error> failure_;
};

}  // namespace kf::ingest::detail
