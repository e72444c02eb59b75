#include <gtest/gtest.h>

#include "ingest/reader.h"
#include "ingest/test_util.h"
#include "ingest/xlsx_dates.h"

namespace kf::ingest {
namespace {

using detail::DateKind;
using testing::read_all;
using testing::rec;
using testing::TempDir;
using testing::XlsxSpec;

Result<std::unique_ptr<RecordReader>> open_xlsx(const std::string& path, std::string sheet = {},
                                                Limits limits = {}) {
  return open_reader(path, {Format::xlsx, std::move(sheet), limits});
}

std::string write_xlsx(const TempDir& dir, const std::string& name, const XlsxSpec& spec) {
  const std::string path = dir.file(name);
  testing::write_zip(path, testing::xlsx_parts(spec));
  return path;
}

// Shared strings (one with rich-text runs and a phonetic guide), an inline string, numbers, a
// boolean, an error value, dates by built-in and custom formats, a sparse row and an empty row.
XlsxSpec city_workbook() {
  XlsxSpec spec;
  spec.shared = {
      "<t>名称</t>",
      "<t>日期</t>",
      "<t>时间</t>",
      "<t>数量</t>",
      "<t>备注</t>",
      "<r><t>市</t></r><r><rPr><b/></rPr><t>交通局</t></r><rPh sb=\"0\" eb=\"1\"><t>シ</t></rPh>",
      "<t xml:space=\"preserve\"> 含空格 </t>"};
  spec.sheets.push_back(
      {"说明", "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>无关</t></is></c></row>"});
  spec.sheets.push_back(
      {"数据",
       "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
       "<c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>3</v></c>"
       "<c r=\"E1\" t=\"s\"><v>4</v></c></row>"
       "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>5</v></c><c r=\"B2\" s=\"1\"><v>45292</v></c>"
       "<c r=\"C2\" s=\"2\"><v>45292.5</v></c><c r=\"D2\"><v>12.5</v></c>"
       "<c r=\"E2\" t=\"s\"><v>6</v></c></row>"
       "<row r=\"3\" spans=\"1:5\"><c r=\"A3\" s=\"1\"/><c r=\"B3\" s=\"1\"/></row>"  // formatting
                                                                                      // only
       "<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>教育局</t></is></c>"
       "<c r=\"D4\" s=\"3\"><v>3</v></c></row>"
       "<row r=\"6\"><c r=\"A6\" t=\"str\"><f>A4&amp;\"x\"</f><v>教育局x</v></c>"
       "<c r=\"B6\" t=\"b\"><v>1</v></c><c r=\"C6\" t=\"e\"><v>#N/A</v></c>"
       "<c r=\"E6\" t=\"inlineStr\"><is><r><t>富</t></r><r><t>文本</t></r></is></c></row>"});
  return spec;
}

TEST(XlsxReader, ReadsNamedSheetWithAllCellKinds) {
  TempDir dir;
  const auto path = write_xlsx(dir, "city.xlsx", city_workbook());
  auto r = open_xlsx(path, "数据");
  ASSERT_TRUE(r.ok()) << r.error().message;
  auto& reader = **r;
  EXPECT_EQ(reader.header(), (std::vector<std::string>{"名称", "日期", "时间", "数量", "备注"}));
  const SourceInfo info = reader.info();
  EXPECT_EQ(info.format, "xlsx");
  EXPECT_EQ(info.sheet, "数据");
  const auto rows = read_all(reader);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], rec({"市交通局", "2024-01-01", "2024-01-01T12:00:00", "12.5", " 含空格 "}));
  EXPECT_EQ(rows[1], rec({"教育局", nullptr, nullptr, "3"}));
  EXPECT_EQ(rows[2], rec({"教育局x", "true", "#N/A", nullptr, "富文本"}));
  EXPECT_EQ(reader.record_number(), 3);
  EXPECT_EQ(reader.source_row(), 6);
  EXPECT_EQ(reader.bytes_read(), reader.total_bytes());
}

TEST(XlsxReader, FirstSheetByDefaultAndUnknownSheet) {
  TempDir dir;
  const auto path = write_xlsx(dir, "city.xlsx", city_workbook());
  auto r = open_xlsx(path);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ((*r)->info().sheet, "说明");
  EXPECT_EQ((*r)->header(), std::vector<std::string>{"无关"});
  EXPECT_TRUE(read_all(**r).empty());

  auto missing = open_xlsx(path, "统计");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().message, "工作簿中没有名为「统计」的工作表（现有：说明、数据）");
}

TEST(XlsxReader, Date1904AndSparseColumnsWithoutReferences) {
  TempDir dir;
  XlsxSpec spec;
  spec.date1904 = true;
  spec.sheets.push_back(
      {"S",
       "<row><c t=\"inlineStr\"><is><t>a</t></is></c><c t=\"inlineStr\"><is><t>b</t></is></c>"
       "<c t=\"inlineStr\"><is><t>c</t></is></c></row>"
       "<row><c s=\"1\"><v>0</v></c><c r=\"C2\"><v>-1.5e3</v></c></row>"});
  auto r = open_xlsx(write_xlsx(dir, "d.xlsx", spec));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(read_all(**r), std::vector<Record>{rec({"1904-01-01", nullptr, "-1.5e3"})});
}

TEST(XlsxReader, RowsWiderThanHeaderAndBadSharedString) {
  TempDir dir;
  XlsxSpec spec;
  spec.shared = {"<t>a</t>"};
  spec.sheets.push_back({"S",
                         "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
                         "<row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"C2\"><v>3</v></c></row>"
                         "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>7</v></c></row>"});
  auto r = open_xlsx(write_xlsx(dir, "w.xlsx", spec));
  ASSERT_TRUE(r.ok()) << r.error().message;
  Record row;
  ASSERT_TRUE(*(*r)->next(row));
  EXPECT_EQ(row, rec({"1", nullptr, "3"}));  // returned as it is; the validator reports it
  auto bad = (*r)->next(row);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message, "工作表「S」第 3 行：引用了不存在的共享字符串");
}

TEST(XlsxReader, NotAZipOrMissingParts) {
  TempDir dir;
  auto r = open_xlsx(dir.write("x.xlsx", "姓名,年龄\n"));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("XLSX 文件已损坏"), std::string::npos);
  testing::write_zip(dir.file("y.xlsx"), {{"hello.txt", "hi"}});
  r = open_xlsx(dir.file("y.xlsx"));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("XLSX 文件已损坏"), std::string::npos);
}

TEST(XlsxReader, RefusesDoctype) {
  TempDir dir;
  XlsxSpec spec;
  spec.sheets.push_back({"S", "<row><c t=\"inlineStr\"><is><t>a</t></is></c></row>"});
  auto parts = testing::xlsx_parts(spec);
  for (auto& p : parts) {
    if (p.name == "xl/sharedStrings.xml") {
      p.data = "<?xml version=\"1.0\"?><!DOCTYPE lol [<!ENTITY a \"aaaaaaaa\">]><sst/>";
    }
  }
  testing::write_zip(dir.file("dt.xlsx"), parts);
  auto r = open_xlsx(dir.file("dt.xlsx"));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("XLSX 文件已损坏"), std::string::npos);
}

// A 50 MB sheet of one repeated byte pattern deflates to about 50 KB (ratio ~1000).
std::string bomb_sheet() {
  std::string sheet = std::string("<?xml version=\"1.0\"?><worksheet xmlns=\"") + testing::kMainNs +
                      "\"><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>";
  sheet.append(50u << 20, 'A');
  sheet += "</t></is></c></row></sheetData></worksheet>";
  return sheet;
}

TEST(XlsxReader, RefusesZipBomb) {
  TempDir dir;
  XlsxSpec spec;
  spec.sheets.push_back({"S", ""});
  auto parts = testing::xlsx_parts(spec);
  parts[0].data = bomb_sheet();
  testing::write_zip(dir.file("bomb.xlsx"), parts);
  EXPECT_LT(std::filesystem::file_size(dir.file("bomb.xlsx")), 200u << 10);
  auto r = open_xlsx(dir.file("bomb.xlsx"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(r.error().message, "XLSX 文件解压后过大（可能是压缩炸弹），已拒绝");

  // The size limit alone, with a ratio that would pass.
  Limits small;
  small.xlsx_max_uncompressed = 10u << 20;
  small.xlsx_max_ratio = 1e9;
  r = open_xlsx(dir.file("bomb.xlsx"), "", small);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "XLSX 文件解压后过大（可能是压缩炸弹），已拒绝");
}

// The sizes in the archive are written by the attacker: a sheet that claims 1 KB but inflates
// to 50 MB must not get through either (minizip stops at the claimed size; the CRC then fails).
TEST(XlsxReader, RefusesBombWithForgedSizes) {
  TempDir dir;
  XlsxSpec spec;
  spec.sheets.push_back({"S", ""});
  auto parts = testing::xlsx_parts(spec);
  const std::string sheet = bomb_sheet();
  parts[0].data = testing::deflate_raw(sheet);
  parts[0].raw = true;
  parts[0].declared_size = 1024;
  parts[0].crc =
      crc32(0, reinterpret_cast<const Bytef*>(sheet.data()), static_cast<uInt>(sheet.size()));
  testing::write_zip(dir.file("forged.xlsx"), parts);
  auto r = open_xlsx(dir.file("forged.xlsx"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::invalid_argument);
  EXPECT_TRUE(r.error().message.starts_with("XLSX 文件已损坏")) << r.error().message;
}

TEST(XlsxReader, SharedStringsLimit) {
  TempDir dir;
  XlsxSpec spec;
  for (int i = 0; i < 1000; ++i)
    spec.shared.push_back("<t>第" + std::to_string(i) + "个字符串</t>");
  spec.sheets.push_back({"S", "<row><c t=\"s\"><v>0</v></c></row>"});
  Limits small;
  small.xlsx_max_shared_strings_bytes = 4096;
  auto r = open_xlsx(write_xlsx(dir, "ss.xlsx", spec), "", small);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("共享字符串超过"), std::string::npos);
}

TEST(XlsxDates, SerialConversion) {
  using detail::excel_serial_to_iso;
  EXPECT_EQ(*excel_serial_to_iso("1", DateKind::date, false), "1900-01-01");
  EXPECT_EQ(*excel_serial_to_iso("59", DateKind::date, false), "1900-02-28");
  EXPECT_FALSE(excel_serial_to_iso("60", DateKind::date, false));  // Lotus's 1900-02-29
  EXPECT_EQ(*excel_serial_to_iso("61", DateKind::date, false), "1900-03-01");
  EXPECT_EQ(*excel_serial_to_iso("45292", DateKind::date, false), "2024-01-01");
  EXPECT_EQ(*excel_serial_to_iso("45351.99", DateKind::date, false), "2024-02-29");
  EXPECT_EQ(*excel_serial_to_iso("45292.75", DateKind::datetime, false), "2024-01-01T18:00:00");
  EXPECT_EQ(*excel_serial_to_iso("45292.99999999", DateKind::datetime, false),
            "2024-01-02T00:00:00");
  EXPECT_EQ(*excel_serial_to_iso("0.5", DateKind::time, false), "12:00:00");
  EXPECT_EQ(*excel_serial_to_iso("43830", DateKind::date, true), "2024-01-01");
  EXPECT_EQ(*excel_serial_to_iso("2958465", DateKind::date, false), "9999-12-31");
  EXPECT_FALSE(excel_serial_to_iso("abc", DateKind::date, false));
  EXPECT_FALSE(excel_serial_to_iso("-1", DateKind::date, false));
  EXPECT_FALSE(excel_serial_to_iso("45292", DateKind::none, false));
}

TEST(XlsxDates, FormatCodes) {
  using detail::format_code_date_kind;
  EXPECT_EQ(format_code_date_kind("yyyy-mm-dd"), DateKind::date);
  EXPECT_EQ(format_code_date_kind("yyyy\"年\"m\"月\"d\"日\""), DateKind::date);
  EXPECT_EQ(format_code_date_kind("[$-804]yyyy/m/d h:mm"), DateKind::datetime);
  EXPECT_EQ(format_code_date_kind("h:mm:ss"), DateKind::time);
  EXPECT_EQ(format_code_date_kind("[h]:mm"), DateKind::time);
  EXPECT_EQ(format_code_date_kind("mmm-yy"), DateKind::date);
  EXPECT_EQ(format_code_date_kind("General"), DateKind::none);
  EXPECT_EQ(format_code_date_kind("0.00"), DateKind::none);
  EXPECT_EQ(format_code_date_kind("#,##0.00\"元\";[Red]-#,##0.00"), DateKind::none);
  EXPECT_EQ(format_code_date_kind("0.00\"days\""), DateKind::none);
  EXPECT_EQ(format_code_date_kind("\\d0"), DateKind::none);
  EXPECT_EQ(detail::builtin_date_kind(14), DateKind::date);
  EXPECT_EQ(detail::builtin_date_kind(22), DateKind::datetime);
  EXPECT_EQ(detail::builtin_date_kind(46), DateKind::time);
  EXPECT_EQ(detail::builtin_date_kind(31), DateKind::date);  // yyyy"年"m"月"d"日" in zh-CN
  EXPECT_EQ(detail::builtin_date_kind(2), DateKind::none);
}

}  // namespace
}  // namespace kf::ingest
