#include <gtest/gtest.h>

#include "ingest/encoding.h"
#include "ingest/reader.h"
#include "ingest/test_util.h"

namespace kf::ingest {
namespace {

using testing::encode;
using testing::read_all;
using testing::rec;
using testing::TempDir;

std::unique_ptr<RecordReader> open_ok(const std::string& path, Limits limits = {}) {
  auto r = open_reader(path, {Format::csv, "", limits});
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return r.ok() ? std::move(r).value() : nullptr;
}

std::string open_error(const std::string& path, Limits limits = {}) {
  auto r = open_reader(path, {Format::csv, "", limits});
  EXPECT_FALSE(r.ok());
  return r.ok() ? "" : r.error().message;
}

// Reads to the end and returns the error message of the failing next().
std::string read_error(RecordReader& r) {
  Record row;
  for (;;) {
    auto got = r.next(row);
    if (!got.ok()) {
      EXPECT_EQ(got.error().code, ErrorCode::invalid_argument);
      return got.error().message;
    }
    if (!*got) return "";
  }
}

TEST(Format, FromName) {
  EXPECT_EQ(*format_from_name("data.CSV"), Format::csv);
  EXPECT_EQ(*format_from_name("a.b.tsv"), Format::csv);
  EXPECT_EQ(*format_from_name(".txt"), Format::csv);
  EXPECT_EQ(*format_from_name("xlsx"), Format::xlsx);
  EXPECT_EQ(*format_from_name("x.json"), Format::json);
  EXPECT_EQ(*format_from_name("x.ndjson"), Format::ndjson);
  EXPECT_EQ(*format_from_name("x.jsonl"), Format::ndjson);
  EXPECT_NE(format_from_name("old.xls").error().message.find(".xls"), std::string::npos);
  EXPECT_FALSE(format_from_name("x.pdf").ok());
}

// What Excel writes for "CSV (逗号分隔)" on a Chinese Windows: GBK, CRLF, quotes only if needed.
TEST(CsvReader, GbkExcelExportWithChineseHeader) {
  TempDir dir;
  const std::string utf8 =
      "姓名,身份证号,所属区县,金额\r\n张三,11010519491231002X,鼓楼区,12.50\r\n"
      "李四,440524188001010014,\"台江区,南街\",7\r\n";
  const auto path = dir.write("gbk.csv", encode(utf8, "GBK"));
  auto r = open_ok(path);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->info().encoding, "GB18030");
  EXPECT_EQ(r->info().delimiter, ",");
  EXPECT_EQ(r->info().format, "csv");
  EXPECT_EQ(r->header(), (std::vector<std::string>{"姓名", "身份证号", "所属区县", "金额"}));
  const auto rows = read_all(*r);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], rec({"张三", "11010519491231002X", "鼓楼区", "12.50"}));
  EXPECT_EQ(rows[1], rec({"李四", "440524188001010014", "台江区,南街", "7"}));
  EXPECT_EQ(r->record_number(), 2);
  EXPECT_EQ(r->source_row(), 3);
  EXPECT_EQ(r->bytes_read(), r->total_bytes());
}

// uchardet guesses wildly on a few bytes (ISO-8859-7, nothing…): short GBK files still read.
TEST(CsvReader, ShortGbkFiles) {
  TempDir dir;
  for (const char* text : {"姓名,年龄\r\n张三,12\r\n", "名称\n甲\n乙\n", "a,b\n1,中\n"}) {
    auto r = open_ok(dir.write("short.csv", encode(text, "GBK")));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->info().encoding, "GB18030") << text;
    EXPECT_EQ(read_all(*r).size(), std::string(text).starts_with("名称") ? 2u : 1u);
  }
}

TEST(CsvReader, Gb18030FourByteCharacters) {
  TempDir dir;
  // 𠀀 (U+20000) needs the four-byte form of GB18030; GBK cannot encode it.
  const auto path = dir.write("gb.csv", encode("名称,备注\n𠀀字,中文说明文字\n", "GB18030"));
  auto r = open_ok(path);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->info().encoding, "GB18030");
  EXPECT_EQ(read_all(*r), std::vector<Record>{rec({"𠀀字", "中文说明文字"})});
}

TEST(CsvReader, Utf8WithBom) {
  TempDir dir;
  const auto path = dir.write("bom.csv",
                              "\xEF\xBB\xBF"
                              "编号,名称\n1,医院\n");
  auto r = open_ok(path);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->info().encoding, "UTF-8-BOM");
  EXPECT_EQ(r->header()[0], "编号");
  EXPECT_EQ(read_all(*r), std::vector<Record>{rec({"1", "医院"})});
}

TEST(CsvReader, Utf16WithAndWithoutBom) {
  TempDir dir;
  const std::string text = "代码\t名称\r\n001\t交通局\r\n002\t\"教育局\"\r\n";
  struct Case {
    std::string bytes;
    std::string label;
  } cases[] = {{"\xFF\xFE" + encode(text, "UTF-16LE"), "UTF-16LE"},
               {"\xFE\xFF" + encode(text, "UTF-16BE"), "UTF-16BE"},
               {encode(text, "UTF-16LE"), "UTF-16LE"}};
  for (const auto& c : cases) {
    const auto path = dir.write("u16.csv", c.bytes);
    auto r = open_ok(path);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->info().encoding, c.label);
    EXPECT_EQ(r->info().delimiter, "\t");
    EXPECT_EQ(r->header(), (std::vector<std::string>{"代码", "名称"}));
    EXPECT_EQ(read_all(*r), (std::vector<Record>{rec({"001", "交通局"}), rec({"002", "教育局"})}));
  }
}

TEST(CsvReader, DetectsDelimiters) {
  TempDir dir;
  struct Case {
    std::string text;
    std::string delim;
  } cases[] = {
      {"a\tb\tc\n1\t2,5\t3\n", "\t"},
      {"a;b;c\n1,5;2,5;x\n", ";"},  // European Excel: decimal commas
      {"a|b|c\n1|2|3\n", "|"},
      {"a,b,c\n\"x;y\",2,3\n", ","},
      {"\"a,b\";c\n1;2\n", ";"},  // the comma is quoted: not a delimiter
  };
  for (const auto& c : cases) {
    auto r = open_ok(dir.write("d.csv", c.text));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->info().delimiter, c.delim) << c.text;
    Record row;
    ASSERT_TRUE(*r->next(row));
    EXPECT_EQ(row.size(), r->header().size()) << c.text;
  }
}

TEST(CsvReader, SingleColumnAndNoTrailingNewline) {
  TempDir dir;
  auto r = open_ok(dir.write("one.csv", "名称\n甲\n乙"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->info().delimiter, ",");
  EXPECT_EQ(read_all(*r), (std::vector<Record>{rec({"甲"}), rec({"乙"})}));
}

TEST(CsvReader, QuotedFieldsNewlinesAndDoubledQuotes) {
  TempDir dir;
  const std::string text =
      "id,note,empty\r\n"
      "1,\"第一行\r\n第二行\",\r\n"
      "2,\"他说\"\"你好\"\"\",\"\"\r\n"
      "3,\"a,b\nc\",x\n"
      "4,plain \"inner\" quote,\n";
  auto r = open_ok(dir.write("q.csv", text));
  ASSERT_TRUE(r);
  const auto rows = read_all(*r);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0], rec({"1", "第一行\r\n第二行", nullptr}));
  EXPECT_EQ(rows[1], rec({"2", "他说\"你好\"", nullptr}));
  EXPECT_EQ(rows[2], rec({"3", "a,b\nc", "x"}));
  EXPECT_EQ(rows[3], rec({"4", "plain \"inner\" quote", nullptr}));
  EXPECT_EQ(r->record_number(), 4);
  EXPECT_EQ(r->source_row(), 7);  // record 4 starts on line 7 (two values span two lines)
}

TEST(CsvReader, RowsOfOtherWidthAreReturnedAsTheyAre) {
  TempDir dir;
  auto r = open_ok(dir.write("w.csv", "a,b,c\n1,2\n1,2,3,4\n1,2,3,,\n\n\r\n5,6,7\n"));
  ASSERT_TRUE(r);
  const auto rows = read_all(*r);
  ASSERT_EQ(rows.size(), 4u);  // blank lines skipped
  EXPECT_EQ(rows[0], rec({"1", "2"}));
  EXPECT_EQ(rows[1], rec({"1", "2", "3", "4"}));
  EXPECT_EQ(rows[2], rec({"1", "2", "3"}));  // trailing empty cells are dropped
  EXPECT_EQ(rows[3], rec({"5", "6", "7"}));
  EXPECT_EQ(r->source_row(), 7);
}

TEST(CsvReader, HeaderIsTrimmedAndChecked) {
  TempDir dir;
  auto r = open_ok(dir.write("h.csv", " 名称 ,\t代码,,\n1,2\n"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->header(), (std::vector<std::string>{"名称", "代码"}));
  EXPECT_NE(open_error(dir.write("dup.csv", "a,b,a\n")).find("「a」重复"), std::string::npos);
  EXPECT_NE(open_error(dir.write("gap.csv", "a,,b\n")).find("第 2 列的列名为空"),
            std::string::npos);
  EXPECT_NE(open_error(dir.write("empty.csv", "")).find("文件为空"), std::string::npos);
  EXPECT_NE(open_error(dir.write("blank.csv", "\n\r\n")).find("文件为空"), std::string::npos);
  EXPECT_EQ(open_error(dir.write("x.csv", "PK\x03\x04\x14\x00\x06\x00")),
            "文件内容是 XLSX（ZIP）格式而不是文本，请以 .xlsx 文件上传");
  EXPECT_EQ(open_error(dir.write("bin.csv", std::string("a,b\n\x01\x00\x00\x00\xff", 9))),
            "文件不是文本文件（含有二进制内容），无法按 CSV 读取");
  auto missing = open_reader(dir.file("nope.csv"), {Format::csv});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
}

// More than one 1 MB chunk, with three-byte characters cut by the chunk border at every offset
// somewhere in the file, in UTF-8 and in GBK (two-byte characters).
TEST(CsvReader, LargeFileWithCharactersAcrossChunkBorders) {
  TempDir dir;
  std::string text = "序号,内容\n";
  const int rows = 60000;
  for (int i = 0; i < rows; ++i) {
    text += std::to_string(i) + ",政务数据开放" +
            std::string(static_cast<std::size_t>(i % 7), 'x') + "共享平台\n";
  }
  ASSERT_GT(text.size(), 2u << 20);
  for (const char* enc : {"UTF-8", "GBK"}) {
    const std::string bytes = std::string(enc) == "UTF-8" ? text : encode(text, enc);
    auto r = open_ok(dir.write("big.csv", bytes));
    ASSERT_TRUE(r);
    Record row;
    int n = 0;
    for (;;) {
      auto got = r->next(row);
      ASSERT_TRUE(got.ok()) << got.error().message;
      if (!*got) break;
      ASSERT_EQ(row.size(), 2u);
      ASSERT_EQ(*row[0], std::to_string(n));
      ASSERT_EQ(*row[1],
                "政务数据开放" + std::string(static_cast<std::size_t>(n % 7), 'x') + "共享平台");
      ++n;
    }
    EXPECT_EQ(n, rows) << enc;
    EXPECT_EQ(r->bytes_read(), bytes.size());
  }
}

// The first 1 MB read ends inside a character, at every possible byte, in each encoding.
TEST(CsvReader, CharacterCutExactlyAtTheFirstChunkBorder) {
  TempDir dir;
  struct Case {
    const char* encoding;
    std::string bom;
    std::string character;  // UTF-8
    std::size_t unit;       // bytes per filler character in the encoding
    std::size_t width;      // bytes of `character` in the encoding
  } cases[] = {{"UTF-8", "", "政", 1, 3},
               {"GBK", "", "政", 1, 2},
               {"GB18030", "", "𠀀", 1, 4},
               {"UTF-16LE", "\xFF\xFE", "𠀀", 2, 4}};
  for (const auto& c : cases) {
    for (std::size_t cut = c.unit; cut < c.width; cut += c.unit) {
      // Filler lines of ASCII, then a last filler so that `character` starts `cut` bytes
      // before the border.
      const std::size_t target =
          (Utf8Stream::kChunk - c.bom.size()) / c.unit - (c.width - cut) / c.unit;
      std::string text = "h\n";
      while (text.size() + 200 < target) text += std::string(99, 'x') + "\n";
      text += std::string(target - text.size(), 'y');
      const std::string last_filler = text.substr(text.rfind('\n') + 1);
      text += c.character + "z\nend\n";
      const std::string bytes =
          c.bom + (std::string(c.encoding) == "UTF-8" ? text : encode(text, c.encoding));
      ASSERT_EQ(bytes.find(encode(c.character, c.encoding) + encode("z", c.encoding)),
                Utf8Stream::kChunk - c.width + cut)
          << c.encoding;
      auto r = open_ok(dir.write("cut.csv", bytes));
      ASSERT_TRUE(r);
      const auto rows = read_all(*r);
      ASSERT_GE(rows.size(), 2u);
      EXPECT_EQ(rows[rows.size() - 2], rec({(last_filler + c.character + "z").c_str()}))
          << c.encoding << " cut " << cut;
      EXPECT_EQ(rows.back(), rec({"end"}));
      // GBK with only ASCII in the first 64 KB is read as UTF-8 until the first Chinese byte.
      EXPECT_EQ(r->info().encoding, std::string(c.encoding) == "GBK" ? "GB18030" : c.encoding);
    }
  }
}

TEST(CsvReader, ErrorsNameTheLine) {
  TempDir dir;
  auto r = open_ok(dir.write("u.csv", "a,b\n1,2\n3,\"open\n4,5\n"));
  ASSERT_TRUE(r);
  EXPECT_EQ(read_error(*r), "第 3 行：引号字段缺少结束引号");

  // Valid UTF-8 at first, then a GBK byte pair on line 4 (a mixed-up file).
  // Detection looks at the first 64 KB only.
  std::string mixed = "a,b\n";
  for (int i = 0; i < 3000; ++i) mixed += std::to_string(i) + ",一二三四五六七八九十\n";
  mixed += "3," + encode("三", "GBK") + "\n";
  r = open_ok(dir.write("mixed.csv", mixed));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->info().encoding, "UTF-8");
  const std::string msg = read_error(*r);
  EXPECT_TRUE(msg.starts_with("第 3002 行：文件中有不符合 UTF-8 编码的字节")) << msg;
  EXPECT_EQ(r->record_number(), 3000);
}

TEST(CsvReader, Limits) {
  TempDir dir;
  Limits small;
  small.max_field_bytes = 10;
  small.max_columns = 3;
  auto r = open_ok(dir.write("l.csv", "a,b\n1,12345678901\n"), small);
  ASSERT_TRUE(r);
  EXPECT_EQ(read_error(*r), "第 2 行：第 2 列的内容超过 10 字节的上限");
  // An unclosed quote cannot swallow the file: the field limit stops it.
  r = open_ok(dir.write("l2.csv", "a,b\n1,\"" + std::string(100, 'x') + "\n"), small);
  ASSERT_TRUE(r);
  EXPECT_NE(read_error(*r).find("字节的上限"), std::string::npos);
  EXPECT_EQ(open_error(dir.write("l3.csv", "a,b,c,d\n"), small), "第 1 行：列数超过上限 3");
}

}  // namespace
}  // namespace kf::ingest
