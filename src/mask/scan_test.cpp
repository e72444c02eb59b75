#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <cstdio>
#include <fstream>

#include "mask/scan.h"

namespace kf::mask {
namespace {

std::vector<Record> rows(const std::vector<std::vector<std::string>>& in) {
  std::vector<Record> out;
  for (const auto& r : in) {
    Record rec;
    for (const auto& v : r) rec.push_back(v.empty() ? std::nullopt : std::optional<std::string>(v));
    out.push_back(std::move(rec));
  }
  return out;
}

TEST(Scan, ProposesKindsAndRules) {
  const std::vector<std::string> header = {"姓名", "身份证号", "手机", "订单号", "备注", "出生日期"};
  const auto sample = rows({
      {"张三", "11010519491231002X", "13812345678", "13800000001", "无", "1990-03-07"},
      {"李娜", "110105491231002", "13912345678", "13800000002", "", "1985-12-01"},
      {"欧阳娜娜", "", "15012345678", "13800000003", "加急", "2001-01-31"},
      {"王小明", "11010519491231002X", "18612345678", "13800000004", "", "1979-06-15"},
  });
  const auto scans = scan_columns(header, sample);
  ASSERT_EQ(scans.size(), header.size());
  EXPECT_EQ(scans[0].kind, Kind::name);
  EXPECT_EQ(scans[0].suggested_rule, "mask(keep_first=1,keep_last=0,char=*)");
  EXPECT_EQ(scans[1].kind, Kind::id_number);  // empty cells do not count against the column
  EXPECT_GT(scans[1].confidence, 0.8);
  EXPECT_EQ(scans[2].kind, Kind::mobile);
  EXPECT_FALSE(scans[3].kind.has_value());  // 11 digits, but an order-number column
  EXPECT_EQ(scans[3].suggested_rule, "");
  EXPECT_FALSE(scans[4].kind.has_value());
  EXPECT_EQ(scans[5].kind, Kind::birth_date);
  EXPECT_EQ(scans[5].suggested_rule, "generalize(to=year)");
}

TEST(Scan, NeedsMostValuesToAgree) {
  const auto scans = scan_columns({"联系方式"}, rows({{"13812345678"}, {"见附件"}, {"无"}, {"不详"}}));
  EXPECT_FALSE(scans[0].kind.has_value());
}

TEST(Scan, JsonShape) {
  std::vector<ColumnScan> scans = {{"手机", Kind::mobile, 0.956, "mask(keep_first=3,keep_last=4,char=*)"},
                                   {"备注\"x", std::nullopt, 0, ""}};
  const auto v = boost::json::parse(scan_to_json(scans));
  const auto& arr = v.as_array();
  ASSERT_EQ(arr.size(), 2u);
  EXPECT_EQ(arr[0].at("column").as_string(), "手机");
  EXPECT_EQ(arr[0].at("kind").as_string(), "mobile");
  EXPECT_DOUBLE_EQ(arr[0].at("confidence").as_double(), 0.96);
  EXPECT_EQ(arr[0].at("suggested_rule").as_string(), "mask(keep_first=3,keep_last=4,char=*)");
  EXPECT_TRUE(arr[1].at("kind").is_null());
  EXPECT_EQ(arr[1].at("column").as_string(), "备注\"x");
  EXPECT_EQ(arr[0].as_object().size(), 4u);
}

TEST(Scan, File) {
  const std::string path = ::testing::TempDir() + "/mask_scan_test.csv";
  {
    std::ofstream f(path);
    f << "name,email,address\n";
    for (int i = 0; i < 20; ++i) {
      f << "王小" << (i % 2 ? "明" : "红") << ",user" << i << "@example.com,山东省潍坊市奎文区胜利东街"
        << i + 1 << "号\n";
    }
  }
  auto scans = scan_file(path, 10);
  ASSERT_TRUE(scans.ok()) << scans.error().message;
  ASSERT_EQ(scans->size(), 3u);
  EXPECT_EQ((*scans)[0].kind, Kind::name);
  EXPECT_EQ((*scans)[1].kind, Kind::email);
  EXPECT_EQ((*scans)[2].kind, Kind::address);
  EXPECT_EQ((*scans)[2].suggested_rule, "generalize(to=district)");
  std::remove(path.c_str());
  EXPECT_FALSE(scan_file(path).ok());
}

}  // namespace
}  // namespace kf::mask
