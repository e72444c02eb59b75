#include "ingest/xlsx_xml.h"

#include <string>

namespace kf::ingest::detail {

namespace {

XmlParser* self(void* user) { return static_cast<XmlParser*>(user); }

}  // namespace

XmlParser::XmlParser(XmlEvents& ev) : p_(XML_ParserCreateNS(nullptr, '|')), ev_(ev) {
  XML_SetUserData(p_, this);
  struct Thunks {
    static void start(void* u, const XML_Char* name, const XML_Char** attrs) {
      self(u)->ev_.on_start(*self(u), local_name(name), attrs);
    }
    static void end(void* u, const XML_Char* name) {
      self(u)->ev_.on_end(*self(u), local_name(name));
    }
    static void text(void* u, const XML_Char* s, int len) {
      self(u)->ev_.on_text(*self(u), std::string_view(s, static_cast<std::size_t>(len)));
    }
    static void doctype(void* u, const XML_Char*, const XML_Char*, const XML_Char*, int) {
      self(u)->fail(corrupt_xlsx("DOCTYPE in an XLSX part"));
    }
  };
  XML_SetElementHandler(p_, &Thunks::start, &Thunks::end);
  XML_SetCharacterDataHandler(p_, &Thunks::text);
  XML_SetStartDoctypeDeclHandler(p_, &Thunks::doctype);
}

XmlParser::~XmlParser() { XML_ParserFree(p_); }

void XmlParser::fail(Error e) {
  if (!failure_) failure_ = std::move(e);
  XML_StopParser(p_, XML_FALSE);
}

Result<XML_Status> XmlParser::check(XML_Status s) {
  if (failure_) return *failure_;
  if (s == XML_STATUS_ERROR) {
    return corrupt_xlsx(std::string("XML error: ") + XML_ErrorString(XML_GetErrorCode(p_)) +
                        " at line " + std::to_string(XML_GetCurrentLineNumber(p_)));
  }
  return s;
}

Result<XML_Status> XmlParser::parse(const char* data, std::size_t n, bool last) {
  return check(XML_Parse(p_, data, static_cast<int>(n), last ? XML_TRUE : XML_FALSE));
}

Result<XML_Status> XmlParser::resume() { return check(XML_ResumeParser(p_)); }

Result<void> XmlParser::parse_entry(ZipEntry& entry) {
  std::string buf(std::size_t{64} << 10, '\0');
  for (;;) {
    KF_ASSIGN(const std::size_t n, entry.read(buf.data(), buf.size()));
    KF_TRY(parse(buf.data(), n, n == 0));
    if (n == 0) return kf::ok();
  }
}

}  // namespace kf::ingest::detail
