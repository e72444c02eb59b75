#include "ingest/values.h"

#include <gtest/gtest.h>

#include "ingest/uscc.h"

namespace kf::ingest {
namespace {

TEST(Uscc, PublishedCodesPass) {
  EXPECT_TRUE(check_uscc("91350100M000100Y43").ok());
  EXPECT_TRUE(check_uscc("914403001922038216").ok());
  EXPECT_EQ(uscc_check_char("91350100M000100Y4"), '3');
}

// The check character recomputed independently: value of each character in the 31-character
// alphabet times 3^i mod 31, check = 31 - sum mod 31, where 31 means 0.
char reference_check(const std::string& first17) {
  const std::string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  int sum = 0, weight = 1;
  for (char c : first17) {
    sum += static_cast<int>(alphabet.find(c)) * weight;
    weight = weight * 3 % 31;
  }
  return alphabet[static_cast<std::size_t>((31 - sum % 31) % 31)];
}

TEST(Uscc, ComputedCodes) {
  for (std::string first : {"91350102MA2XN1234", "12100000400000262", "52110000500021676",
                            "93350181MA31YYYYY", "Y1350100000000000"}) {
    const char c = reference_check(first);
    EXPECT_EQ(uscc_check_char(first), c) << first;
    EXPECT_TRUE(check_uscc(first + c).ok()) << first;
  }
}

TEST(Uscc, Refusals) {
  const std::string format = "统一社会信用代码应为18位，由数字和大写字母组成（不含 I、O、S、V、Z）";
  const std::string check = "统一社会信用代码校验位错误，请核对后重新输入";
  for (std::string bad : {"", "91350100M000100Y4", "91350100M000100Y433", "91350100M000100I43",
                          "91350100m000100Y43", "91350100M000100Y4O", "9135010OM000100Y43"}) {
    auto r = check_uscc(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().message, format) << bad;
    EXPECT_EQ(r.error().field, "uscc");
  }
  for (std::string bad : {"91350100M000100Y44", "914403001922038215", "91440300192203821X"}) {
    auto r = check_uscc(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().message, check) << bad;
    EXPECT_EQ(r.error().message.find(bad), std::string::npos);
  }
}

TEST(Values, Integers) {
  EXPECT_EQ(parse_integer("42"), 42);
  EXPECT_EQ(parse_integer(" +007 "), 7);
  EXPECT_EQ(parse_integer("-9223372036854775808"), INT64_MIN);
  EXPECT_EQ(parse_integer("12.000"), 12);
  EXPECT_FALSE(parse_integer("9223372036854775808"));
  EXPECT_FALSE(parse_integer("12.5"));
  EXPECT_FALSE(parse_integer("12."));
  EXPECT_FALSE(parse_integer("1e3"));
  EXPECT_FALSE(parse_integer("1,000"));
  EXPECT_FALSE(parse_integer(""));
  EXPECT_FALSE(parse_integer("-"));
}

TEST(Values, Decimals) {
  EXPECT_EQ(*parse_decimal("+1.50"), "1.50");
  EXPECT_EQ(*parse_decimal(".5"), ".5");
  EXPECT_EQ(*parse_decimal("-3"), "-3");
  EXPECT_EQ(*parse_decimal("1.5E-3"), "1.5E-3");
  EXPECT_EQ(*decimal_value("1.5e-3"), 0.0015);
  for (const char* bad : {"", ".", "1.2.3", "1e", "abc", "inf", "nan", "0x10", "1,5", "--1"}) {
    EXPECT_FALSE(parse_decimal(bad)) << bad;
  }
  EXPECT_FALSE(decimal_value("1e999"));
  EXPECT_EQ(digit_count("-123.45e6"), 5u);
}

TEST(Values, Booleans) {
  for (const char* t : {"true", "TRUE", "True", "1", "是", "Y", "yes", "真", " t "}) {
    EXPECT_EQ(parse_boolean(t), true) << t;
  }
  for (const char* f : {"false", "FALSE", "0", "否", "n", "No", "假"}) {
    EXPECT_EQ(parse_boolean(f), false) << f;
  }
  for (const char* bad : {"", "2", "对", "truee", "\x11"}) EXPECT_FALSE(parse_boolean(bad)) << bad;
}

TEST(Values, Dates) {
  EXPECT_EQ(*parse_date("2024-01-05"), "2024-01-05");
  EXPECT_EQ(*parse_date("2024/1/5"), "2024-01-05");
  EXPECT_EQ(*parse_date("2024.12.31"), "2024-12-31");
  EXPECT_EQ(*parse_date("20240229"), "2024-02-29");
  EXPECT_EQ(*parse_date("2024年1月5日"), "2024-01-05");
  EXPECT_EQ(*parse_date(" 2024-01-05\u3000"), "2024-01-05");
  for (const char* bad : {"2023-02-29", "2024-13-01", "2024-1-32", "2024/01-05", "24-01-05",
                          "2024-01-05T00:00:00", "1900-02-29", "20241301", "2024", "0000-01-01"}) {
    EXPECT_FALSE(parse_date(bad)) << bad;
  }
}

TEST(Values, Datetimes) {
  EXPECT_EQ(*parse_datetime("2024-01-05 08:30"), "2024-01-05T08:30:00");
  EXPECT_EQ(*parse_datetime("2024/1/5 8:30:15"), "2024-01-05T08:30:15");
  EXPECT_EQ(*parse_datetime("2024-01-05T08:30:15.250Z"), "2024-01-05T08:30:15.250Z");
  EXPECT_EQ(*parse_datetime("2024-01-05T08:30:15+0800"), "2024-01-05T08:30:15+08:00");
  EXPECT_EQ(*parse_datetime("2024-01-05"), "2024-01-05T00:00:00");
  for (const char* bad :
       {"2024-01-05 24:00", "2024-01-05 08:60", "2024-01-05 08", "2024-01-05X08:00",
        "2024-01-05 08:30:15.", "2024-01-05 08:30+8", "08:30"}) {
    EXPECT_FALSE(parse_datetime(bad)) << bad;
  }
}

TEST(Values, NormalizeAndLength) {
  core::Field f;
  f.type = core::FieldType::date;
  EXPECT_EQ(normalize(f, "2024/1/5"), "2024-01-05");
  EXPECT_EQ(normalize(f, "not a date"), "not a date");
  f.type = core::FieldType::boolean;
  EXPECT_EQ(normalize(f, "是"), "true");
  f.type = core::FieldType::integer;
  EXPECT_EQ(normalize(f, "+0042"), "42");
  f.type = core::FieldType::text;
  EXPECT_EQ(normalize(f, " 原样 "), " 原样 ");
  EXPECT_EQ(utf8_length("福州市abc"), 6u);
  EXPECT_EQ(utf8_length("𠀀"), 1u);
}

}  // namespace
}  // namespace kf::ingest
