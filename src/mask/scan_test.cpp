#include <gtest/gtest.h>
#include <re2/re2.h>

#include <boost/json.hpp>

#include <cstdio>
#include <fstream>

#include "mask/grading.h"
#include "mask/rule.h"
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
  EXPECT_EQ(arr[0].as_object().size(), 5u);
  EXPECT_DOUBLE_EQ(arr[0].at("share").as_double(), 0);
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

TEST(Scan, ShareAndValues) {
  const auto scans = scan_columns({"备注"}, rows({{"13812345678"}, {"13912345678"}, {"15012345678"},
                                                 {"18612345678"}, {"见附件"}, {""}}));
  ASSERT_EQ(scans[0].kind, Kind::mobile);
  EXPECT_EQ(scans[0].values, 5u);  // the empty cell is not a value
  EXPECT_DOUBLE_EQ(scans[0].share, 0.8);
}

TEST(RowSample, KeepsTheHeadAndASpreadOfTheRest) {
  RowSample sample(3, 4);
  for (int i = 0; i < 1000; ++i) sample.add(Record{std::to_string(i)});
  EXPECT_EQ(sample.seen(), 1000);
  const auto got = sample.rows();
  ASSERT_EQ(got.size(), 7u);
  EXPECT_EQ(*got[0][0], "0");
  EXPECT_EQ(*got[1][0], "1");
  EXPECT_EQ(*got[2][0], "2");
  // The rest is drawn from all later rows, in reading order, not just the next few.
  int previous = 2, beyond_head = 0;
  for (std::size_t i = 3; i < got.size(); ++i) {
    const int v = std::stoi(*got[i][0]);
    EXPECT_GT(v, previous);
    previous = v;
    if (v >= 500) ++beyond_head;
  }
  EXPECT_GT(beyond_head, 0) << "a column that turns personal late is still sampled";
  // The same rows give the same sample.
  RowSample again(3, 4);
  for (int i = 0; i < 1000; ++i) again.add(Record{std::to_string(i)});
  EXPECT_EQ(again.rows(), got);
}

TEST(RowSample, ShortStreamsAreKeptWhole) {
  RowSample sample(1000, 1000);
  for (int i = 0; i < 1500; ++i) sample.add(Record{std::to_string(i)});
  const auto got = sample.rows();
  ASSERT_EQ(got.size(), 1500u);
  EXPECT_EQ(*got.back()[0], "1499");
}

TEST(Grading, PersonalKindsAreGradedSensitive) {
  EXPECT_EQ(suggested_grade(Kind::id_number), "L4");
  EXPECT_EQ(suggested_grade(Kind::bank_card), "L4");
  EXPECT_EQ(suggested_grade(Kind::mobile), "L3");
  EXPECT_EQ(suggested_grade(Kind::name), "L3");
  EXPECT_EQ(suggested_grade(Kind::credit_code), "");
  EXPECT_FALSE(is_personal(Kind::credit_code));
  for (Kind k : kAllKinds) {
    if (k == Kind::credit_code) continue;
    EXPECT_TRUE(is_personal(k)) << to_string(k);
    EXPECT_FALSE(suggested_rule(k).empty()) << to_string(k);
    EXPECT_FALSE(kind_label(k).empty()) << to_string(k);
  }
  EXPECT_EQ(kind_label(Kind::id_number), "居民身份证号码");
  EXPECT_EQ(higher_grade("L1", "L4"), "L4");
  EXPECT_EQ(higher_grade("L3", "L2"), "L3");
  EXPECT_EQ(higher_grade("L2", ""), "L2");
}

TEST(Grading, PatternsMatchTheCanonicalForms) {
  // Each pattern matches the canonical written form of its kind, and only the whole value.
  const std::vector<std::pair<Kind, std::string>> samples = {
      {Kind::id_number, "11010519491231002X"}, {Kind::mobile, "13812345678"},
      {Kind::landline, "0536-8231234"},         {Kind::email, "zhang.san@163.com"},
      {Kind::bank_card, "6222020200112233445"}, {Kind::passport, "E12345678"},
      {Kind::ip, "192.168.10.1"}};
  for (const auto& [kind, value] : samples) {
    const std::string p = suggested_pattern(kind);
    ASSERT_FALSE(p.empty()) << to_string(kind);
    RE2 re(p);
    ASSERT_TRUE(re.ok()) << p;
    EXPECT_TRUE(RE2::FullMatch(value, re)) << to_string(kind) << " " << value;
    EXPECT_FALSE(RE2::FullMatch(value + "@", re)) << to_string(kind);
    EXPECT_FALSE(RE2::FullMatch(" " + value, re)) << to_string(kind);
  }
  EXPECT_EQ(suggested_pattern(Kind::name), "");
}

}  // namespace
}  // namespace kf::mask
