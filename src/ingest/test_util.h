// Helpers for the ingest tests only: temporary files, re-encoding with iconv, and building XLSX
// files with minizip so that no binary fixture has to be checked in.
#pragma once

#include <gtest/gtest.h>
#include <iconv.h>
#include <stdlib.h>
#include <unistd.h>
#include <zip.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "ingest/reader.h"

namespace kf::ingest::testing {

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "kf_ingest_XXXXXX").string();
    path_ = ::mkdtemp(tmpl.data());
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  std::string write(const std::string& name, const std::string& bytes) const {
    const std::string p = file(name);
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
  }

 private:
  std::filesystem::path path_;
};

// UTF-8 → `encoding` (e.g. "GBK", "UTF-16LE"); fails the test if iconv cannot.
inline std::string encode(const std::string& utf8, const char* encoding) {
  iconv_t cd = iconv_open(encoding, "UTF-8");
  EXPECT_NE(cd, reinterpret_cast<iconv_t>(-1));
  std::string out(utf8.size() * 4 + 16, '\0');
  char* in = const_cast<char*>(utf8.data());
  std::size_t in_left = utf8.size();
  char* o = out.data();
  std::size_t o_left = out.size();
  EXPECT_NE(iconv(cd, &in, &in_left, &o, &o_left), static_cast<std::size_t>(-1));
  iconv_close(cd);
  out.resize(out.size() - o_left);
  return out;
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Reads every record; fails the test on an error.
inline std::vector<Record> read_all(RecordReader& r) {
  std::vector<Record> rows;
  Record rec;
  for (;;) {
    auto got = r.next(rec);
    EXPECT_TRUE(got.ok()) << (got.ok() ? "" : got.error().message);
    if (!got.ok() || !*got) break;
    rows.push_back(rec);
  }
  return rows;
}

inline Record rec(std::initializer_list<const char*> values) {
  Record r;
  for (const char* v : values) {
    r.push_back(v ? std::optional<std::string>(v) : std::nullopt);
  }
  return r;
}

// One zip entry: stored compressed with deflate, or raw (already deflated bytes) with the
// uncompressed size and CRC declared by the caller, to forge lying headers.
struct ZipPart {
  std::string name;
  std::string data;
  bool raw = false;
  std::uint64_t declared_size = 0;
  unsigned long crc = 0;
};

inline void write_zip(const std::string& path, const std::vector<ZipPart>& parts) {
  zipFile zf = zipOpen64(path.c_str(), APPEND_STATUS_CREATE);
  ASSERT_NE(zf, nullptr);
  for (const auto& p : parts) {
    zip_fileinfo zi{};
    ASSERT_EQ(zipOpenNewFileInZip2_64(zf, p.name.c_str(), &zi, nullptr, 0, nullptr, 0, nullptr,
                                      Z_DEFLATED, 9, p.raw ? 1 : 0, 1),
              ZIP_OK);
    for (std::size_t off = 0; off < p.data.size(); off += 1 << 20) {
      const auto n = static_cast<unsigned>(std::min<std::size_t>(1 << 20, p.data.size() - off));
      ASSERT_EQ(zipWriteInFileInZip(zf, p.data.data() + off, n), ZIP_OK);
    }
    if (p.raw) {
      ASSERT_EQ(zipCloseFileInZipRaw64(zf, p.declared_size, p.crc), ZIP_OK);
    } else {
      ASSERT_EQ(zipCloseFileInZip(zf), ZIP_OK);
    }
  }
  ASSERT_EQ(zipClose(zf, nullptr), ZIP_OK);
}

// Raw deflate (no zlib header), as stored in zip entries.
inline std::string deflate_raw(const std::string& data) {
  z_stream zs{};
  deflateInit2(&zs, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, data.size()), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

constexpr const char* kMainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr const char* kRelNs =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

// A workbook with the given sheets (name, sheetData inner XML), shared strings and cell
// formats. `styles_xml` empty: a default with cellXfs 0 = General, 1 = numFmt 14 (date),
// 2 = custom "yyyy-mm-dd hh:mm:ss", 3 = custom "0.00".
struct XlsxSpec {
  std::vector<std::pair<std::string, std::string>> sheets;
  std::vector<std::string> shared;  // <si> inner XML each
  std::string styles_xml;
  bool date1904 = false;
};

inline std::vector<ZipPart> xlsx_parts(const XlsxSpec& spec) {
  std::vector<ZipPart> parts;
  std::string wb = std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"") +
                   kMainNs + "\" xmlns:r=\"" + kRelNs + "\">" +
                   (spec.date1904 ? "<workbookPr date1904=\"1\"/>" : "<workbookPr/>") + "<sheets>";
  std::string rels =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
      "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
  const std::string rel_type =
      "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
  for (std::size_t i = 0; i < spec.sheets.size(); ++i) {
    const std::string n = std::to_string(i + 1);
    wb += "<sheet name=\"" + spec.sheets[i].first + "\" sheetId=\"" + n + "\" r:id=\"rId" + n +
          "\"/>";
    rels += "<Relationship Id=\"rId" + n + "\" Type=\"" + rel_type +
            "worksheet\" Target=\"worksheets/sheet" + n + ".xml\"/>";
    parts.push_back({"xl/worksheets/sheet" + n + ".xml",
                     std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"") +
                         kMainNs + "\"><sheetData>" + spec.sheets[i].second +
                         "</sheetData></worksheet>"});
  }
  wb += "</sheets></workbook>";
  rels += "<Relationship Id=\"rIdS\" Type=\"" + rel_type +
          "sharedStrings\" Target=\"sharedStrings.xml\"/><Relationship Id=\"rIdY\" Type=\"" +
          rel_type + "styles\" Target=\"/xl/styles.xml\"/></Relationships>";
  std::string sst =
      std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"") + kMainNs + "\">";
  for (const auto& s : spec.shared) sst += "<si>" + s + "</si>";
  sst += "</sst>";
  std::string styles = spec.styles_xml;
  if (styles.empty()) {
    styles = std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet xmlns=\"") +
             kMainNs +
             "\"><numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"yyyy\\-mm\\-dd "
             "hh:mm:ss\"/><numFmt numFmtId=\"165\" formatCode=\"0.00\"/></numFmts>"
             "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
             "<cellXfs count=\"4\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/>"
             "<xf numFmtId=\"164\"/><xf numFmtId=\"165\"/></cellXfs></styleSheet>";
  }
  parts.push_back({"[Content_Types].xml",
                   "<?xml version=\"1.0\"?><Types "
                   "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"});
  parts.push_back({"xl/workbook.xml", wb});
  parts.push_back({"xl/_rels/workbook.xml.rels", rels});
  parts.push_back({"xl/sharedStrings.xml", sst});
  parts.push_back({"xl/styles.xml", styles});
  return parts;
}

}  // namespace kf::ingest::testing
