#include "ingest/reject_writer.h"

#include <gtest/gtest.h>

#include "ingest/reader.h"
#include "ingest/test_util.h"

namespace kf::ingest {
namespace {

using testing::rec;
using testing::TempDir;

TEST(RejectWriter, WritesBomHeaderQuotedValuesAndReasons) {
  TempDir dir;
  const std::string path = dir.file("rejected.csv");
  {
    RejectWriter w(path, {"名称", "备注", "身份证号"});
    w.add(rec({"交通局", "含,逗号", "11010519491231002X"}),
          {{"身份证号", "身份证号码校验位错误，请核对后重新输入"}, {"", "主键与第 1 条记录重复"}});
    w.add(rec({"医院", "他说\"好\"\n换行", nullptr}), {{"名称", "不能为空"}});
    w.add(rec({"短行"}), {{"", "该行有 1 列，与表头的 3 列不一致"}});
    EXPECT_EQ(w.rows(), 3);
    EXPECT_TRUE(w.close().ok());
  }
  const std::string text = testing::read_file(path);
  EXPECT_EQ(
      text,
      "\xEF\xBB\xBF名称,备注,身份证号,原因\r\n"
      "交通局,\"含,逗号\",11010519491231002X,身份证号：身份证号码校验位错误，请核对后重新输入；"
      "主键与第 1 条记录重复\r\n"
      "医院,\"他说\"\"好\"\"\n换行\",,名称：不能为空\r\n"
      "短行,,,该行有 1 列，与表头的 3 列不一致\r\n");

  // What it writes, the CSV reader reads back.
  auto r = open_reader(path, {Format::csv});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ((*r)->header(), (std::vector<std::string>{"名称", "备注", "身份证号", "原因"}));
  const auto rows = testing::read_all(**r);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1][1], "他说\"好\"\n换行");
}

TEST(RejectWriter, ReportsWriteFailure) {
  RejectWriter w("/nonexistent-dir/x.csv", {"a"});
  w.add(rec({"1"}), {{"a", "x"}});
  EXPECT_FALSE(w.close().ok());
}

}  // namespace
}  // namespace kf::ingest
