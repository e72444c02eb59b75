#include "core/messages.h"

#include <gtest/gtest.h>

namespace kf::core {
namespace {

MessageCatalogue sample() {
  auto c = MessageCatalogue::parse(R"toml(
[messages]
"请先登录" = "Please sign in first"
"未知的列“{}”" = "Unknown column “{}”"
"缺少{}" = "{t} is missing"
"“{}”不是有效的{}" = "“{}” is not a valid {t}"
"函数 {} 需要 {} 个参数" = "The function {} takes {} argument(s)"
"{}（可预览前 {} 行）" = "{t} (the first {} rows can be previewed)"
"该数据属于{}类；可联系{}" = "This data is {t}; ask {t}"
"数据提供单位（{}）" = "the data provider ({})"
"行政区划 {}（{}）不是{}级区划" = "Region {1} is not a {t2}-level region (code {0})"
"{}不存在" = "{} does not exist"
"用户{}不存在" = "User {} does not exist"

[terms]
"用户名" = "the user name"
"整数" = "integer"
"日期" = "date"
"不予开放" = "not open"
"市" = "city"
)toml", "sample");
  EXPECT_TRUE(c) << c.error().message;
  return std::move(c).value();
}

TEST(MessageCatalogue, ExactMessages) {
  auto c = sample();
  EXPECT_EQ(c.translate("请先登录"), "Please sign in first");
  EXPECT_EQ(c.translate("请先登录。"), std::nullopt);
  EXPECT_EQ(c.localize("没有这条"), "没有这条");
}

TEST(MessageCatalogue, RuntimePartsStayAsTheyAre) {
  auto c = sample();
  EXPECT_EQ(c.translate("未知的列“人口数”"), "Unknown column “人口数”");
  // A column called 日期 is data: {} never translates it, even though 日期 is a term.
  EXPECT_EQ(c.translate("未知的列“日期”"), "Unknown column “日期”");
  EXPECT_EQ(c.translate("函数 round 需要 2 个参数"), "The function round takes 2 argument(s)");
}

TEST(MessageCatalogue, TranslatedPartsAndCapitals) {
  auto c = sample();
  EXPECT_EQ(c.translate("缺少用户名"), "The user name is missing");
  EXPECT_EQ(c.translate("“abc”不是有效的整数"), "“abc” is not a valid integer");
  // A part the catalogue does not know stays as it is.
  EXPECT_EQ(c.translate("缺少经办人"), "经办人 is missing");
  // A translated part may itself be a message with parts of its own.
  EXPECT_EQ(c.translate("该数据属于不予开放类；可联系数据提供单位（潍坊市交通运输局）"),
            "This data is not open; ask the data provider (潍坊市交通运输局)");
  EXPECT_EQ(c.translate("缺少用户名（可预览前 5 行）"), "The user name is missing (the first 5 rows can be previewed)");
}

TEST(MessageCatalogue, PositionalParts) {
  auto c = sample();
  EXPECT_EQ(c.translate("行政区划 370700（潍坊市）不是市级区划"), "Region 潍坊市 is not a city-level region (code 370700)");
}

TEST(MessageCatalogue, TheMostSpecificPatternWins) {
  auto c = sample();
  EXPECT_EQ(c.translate("用户张三不存在"), "User 张三 does not exist");
  EXPECT_EQ(c.translate("文件不存在"), "文件 does not exist");
}

TEST(MessageCatalogue, Keys) {
  auto c = sample();
  EXPECT_TRUE(c.has_key("未知的列“{}”"));
  EXPECT_TRUE(c.has_key("整数"));
  EXPECT_TRUE(c.has_key("请先登录"));
  EXPECT_FALSE(c.has_key("未知的列"));
  EXPECT_EQ(split_format_key("“{}”不是有效的{:.1f}"), (std::vector<std::string>{"“", "”不是有效的", ""}));
  EXPECT_EQ(split_format_key("{a} 与 {}"), (std::vector<std::string>{"{a} 与 ", ""}));
}

TEST(MessageCatalogue, RefusesBrokenFiles) {
  // More placeholders in the English than in the key.
  EXPECT_FALSE(MessageCatalogue::parse("[messages]\n\"缺少{}\" = \"{} and {}\"\n", "t"));
  EXPECT_FALSE(MessageCatalogue::parse("[messages]\n\"缺少{}\" = \"{3}\"\n", "t"));
  // A term with a placeholder, an empty translation, an unknown table, a key of placeholders only.
  EXPECT_FALSE(MessageCatalogue::parse("[terms]\n\"{}项\" = \"item {}\"\n", "t"));
  EXPECT_FALSE(MessageCatalogue::parse("[messages]\n\"请先登录\" = \"\"\n", "t"));
  EXPECT_FALSE(MessageCatalogue::parse("[other]\n\"a\" = \"b\"\n", "t"));
  EXPECT_FALSE(MessageCatalogue::parse("[messages]\n\"{}\" = \"{}\"\n", "t"));
  EXPECT_FALSE(MessageCatalogue::parse("[messages]\n\"a\" = 1\n", "t"));
  EXPECT_FALSE(MessageCatalogue::load("/nonexistent/errors.en.toml"));
}

}  // namespace
}  // namespace kf::core
