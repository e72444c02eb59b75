#include <gtest/gtest.h>

#include "ingest/reader.h"
#include "ingest/test_util.h"

namespace kf::ingest {
namespace {

using testing::read_all;
using testing::rec;
using testing::TempDir;

Result<std::unique_ptr<RecordReader>> open_json(const std::string& path, Format f = Format::json) {
  return open_reader(path, {f, "", {}});
}

std::string read_error(RecordReader& r) {
  Record row;
  for (;;) {
    auto got = r.next(row);
    if (!got.ok()) return got.error().message;
    if (!*got) return "";
  }
}

TEST(JsonReader, ArrayOfObjectsWithNulls) {
  TempDir dir;
  const auto path =
      dir.write("a.json",
                "\xEF\xBB\xBF[\n"
                "  {\"名称\": \"交通局\", \"人数\": 120, \"比例\": 1.5e-2, \"开放\": true},\n"
                "  {\"名称\": \"医院\", \"人数\": null, \"开放\": false},\n"
                "  {\"比例\": -0.25, \"名称\": \"\\u6559\\u80b2\\n局\"}\n"
                "]\n");
  auto r = open_json(path);
  ASSERT_TRUE(r.ok()) << r.error().message;
  auto& reader = **r;
  EXPECT_EQ(reader.header(), (std::vector<std::string>{"名称", "人数", "比例", "开放"}));
  EXPECT_EQ(reader.info().format, "json");
  EXPECT_EQ(reader.info().encoding, "UTF-8-BOM");
  const auto rows = read_all(reader);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], rec({"交通局", "120", "1.5e-2", "true"}));
  EXPECT_EQ(rows[1], rec({"医院", nullptr, nullptr, "false"}));
  EXPECT_EQ(rows[2], rec({"教育\n局", nullptr, "-0.25", nullptr}));
  EXPECT_EQ(reader.record_number(), 3);
  EXPECT_EQ(reader.source_row(), 3);
}

TEST(JsonReader, Ndjson) {
  TempDir dir;
  const auto path = dir.write("a.ndjson",
                              "{\"id\": 1, \"name\": \"甲\", \"note\": \"\"}\r\n"
                              "\n"
                              "{\"id\": 2, \"name\": null}\n"
                              "{\"id\": 12345678901234567890, \"name\": \"丙\", \"note\": \"x\"}");
  auto r = open_json(path, Format::ndjson);
  ASSERT_TRUE(r.ok()) << r.error().message;
  auto& reader = **r;
  EXPECT_EQ(reader.info().format, "ndjson");
  EXPECT_EQ(reader.header(), (std::vector<std::string>{"id", "name", "note"}));
  const auto rows = read_all(reader);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], rec({"1", "甲", ""}));  // a JSON "" stays an empty string
  EXPECT_EQ(rows[1], rec({"2", nullptr, nullptr}));
  EXPECT_EQ(rows[2], rec({"12345678901234567890", "丙", "x"}));
  EXPECT_EQ(reader.source_row(), 4);
}

TEST(JsonReader, LayoutFollowsTheContentNotTheExtension) {
  TempDir dir;
  auto r = open_json(dir.write("x.json", "{\"a\":1}\n{\"a\":2}\n"), Format::json);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ((*r)->info().format, "ndjson");
  EXPECT_EQ(read_all(**r).size(), 2u);
  r = open_json(dir.write("x.jsonl", "[{\"a\":1}]"), Format::ndjson);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ((*r)->info().format, "json");
}

TEST(JsonReader, NewKeyLaterIsRefusedNamingTheRecord) {
  TempDir dir;
  auto r = open_json(dir.write("k.json", "[{\"a\":1},{\"a\":2},{\"a\":3,\"b\":4}]"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(read_error(**r),
            "第 3 条记录出现了第一条记录中没有的键「b」。列由第一条记录的键决定，"
            "请在第一条记录中列出全部键（值可为 null）");
  r = open_json(dir.write("k.ndjson", "{\"a\":1}\n\n{\"b\":2}\n"), Format::ndjson);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(read_error(**r).starts_with("第 3 行出现了第一条记录中没有的键「b」"));
}

TEST(JsonReader, RefusesWhatIsNotAFlatRecord) {
  TempDir dir;
  struct Case {
    std::string text;
    std::string message;
  } cases[] = {
      {"[{\"a\":1},{\"a\":{\"x\":1}}]",
       "第 2 条记录的键「a」的值是嵌套的对象或数组，只支持扁平的键值"},
      {"[{\"a\":1},{\"a\":[1]}]", "第 2 条记录的键「a」的值是嵌套的对象或数组，只支持扁平的键值"},
      {"[{\"a\":1},5]", "第 2 条记录不是 JSON 对象，每条记录应为一个对象"},
      {"[{\"a\":1},{\"a\":2,\"a\":3}]", "第 2 条记录中的键「a」重复"},
      {"{\"a\":1}\n{\"a\":2\n{\"a\":3}\n", "第 2 行不是完整的 JSON 对象"},
      {"{\"a\":1}\n{\"a\":2} {\"a\":3}\n", "第 2 行有多于一个 JSON 值"},
      {"{\"a\":1}\n[1]\n", "第 2 行不是 JSON 对象，每条记录应为一个对象"},
      {"[{\"a\":1},\n{\"a\":2]", "第 2 行附近的 JSON 格式错误"},
      {"[{\"a\":1}", "JSON 文件不完整：数组没有结束"},
      {"[{\"a\":1}] x", "JSON 数组结束后还有多余的内容"},
  };
  for (const auto& c : cases) {
    auto r = open_json(dir.write("bad.json", c.text));
    ASSERT_TRUE(r.ok()) << c.text << ": " << r.error().message;
    EXPECT_EQ(read_error(**r), c.message) << c.text;
  }
}

TEST(JsonReader, OpenErrors) {
  TempDir dir;
  for (const char* text : {"", "  \n", "[]", "\"x\"", "[{}]"}) {
    auto r = open_json(dir.write("e.json", text));
    EXPECT_FALSE(r.ok()) << text;
  }
}

TEST(JsonReader, LongFileAcrossFeeds) {
  TempDir dir;
  std::string text = "[";
  for (int i = 0; i < 20000; ++i) {
    text += (i ? "," : "") + std::string("{\"序号\":") + std::to_string(i) +
            ",\"名称\":\"政务数据开放共享平台第" + std::to_string(i) + "条\"}";
  }
  text += "]";
  auto r = open_json(dir.write("long.json", text));
  ASSERT_TRUE(r.ok());
  const auto rows = read_all(**r);
  ASSERT_EQ(rows.size(), 20000u);
  EXPECT_EQ(rows[19999], rec({"19999", "政务数据开放共享平台第19999条"}));
}

}  // namespace
}  // namespace kf::ingest
