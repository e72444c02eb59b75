#include "db/postgres/pg_values.h"

#include <gtest/gtest.h>

#include <cmath>

namespace kf::db {
namespace {

TEST(PgValues, DecodesByType) {
  EXPECT_EQ(std::get<std::int64_t>(decode_pg_value(kPgInt8, "-9223372036854775808")),
            std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(std::get<std::int64_t>(decode_pg_value(kPgInt2, "12")), 12);
  EXPECT_EQ(std::get<std::int64_t>(decode_pg_value(kPgBool, "t")), 1);
  EXPECT_EQ(std::get<std::int64_t>(decode_pg_value(kPgBool, "f")), 0);
  EXPECT_EQ(std::get<double>(decode_pg_value(kPgNumeric, "12.50")), 12.5);
  EXPECT_TRUE(std::isnan(std::get<double>(decode_pg_value(kPgFloat8, "NaN"))));
  EXPECT_EQ(std::get<double>(decode_pg_value(kPgFloat8, "-Infinity")), -INFINITY);
  EXPECT_EQ(std::get<std::string>(decode_pg_value(kPgBytea, "\\x00ff41")),
            (std::string{'\0', '\xff', 'A'}));
  EXPECT_EQ(std::get<std::string>(decode_pg_value(25 /* text */, "政务")), "政务");
  // A numeric too large for a double keeps its exact text.
  const std::string huge = "1" + std::string(400, '0');
  EXPECT_EQ(std::get<std::string>(decode_pg_value(kPgNumeric, huge)), huge);
}

TEST(PgValues, FormatsParametersAsText) {
  std::vector<Value> params = {std::int64_t{-3}, 0.1, NAN, null(), std::string("文本")};
  PgParams p(params);
  ASSERT_EQ(p.count(), 5);
  EXPECT_STREQ(p.values()[0], "-3");
  EXPECT_STREQ(p.values()[1], "0.1");
  EXPECT_STREQ(p.values()[2], "NaN");
  EXPECT_EQ(p.values()[3], nullptr);
  EXPECT_STREQ(p.values()[4], "文本");
  for (int i = 0; i < p.count(); ++i) EXPECT_EQ(p.formats()[i], 0);
}

TEST(PgValues, SwitchesRawStringsToBinary) {
  std::vector<Value> params = {std::string("a\\b"), std::string("plain"), std::string("nul\0", 4)};
  EXPECT_TRUE(needs_param_types(params));
  EXPECT_FALSE(needs_param_types(std::vector<Value>{std::string("中文"), std::int64_t{1}}));
  PgParams p(params);
  p.set_type(0, kPgBytea);
  p.set_type(1, 25);
  p.set_type(2, 25);
  EXPECT_EQ(p.formats()[0], 1);
  EXPECT_EQ(p.lengths()[0], 3);
  EXPECT_EQ(p.formats()[1], 0);
  EXPECT_EQ(p.formats()[2], 1);  // text format would cut it at the NUL
}

TEST(PgValues, ValidatesUtf8Strictly) {
  EXPECT_TRUE(is_valid_utf8("开放数据 ascii 😀"));
  EXPECT_FALSE(is_valid_utf8("\xff"));
  EXPECT_FALSE(is_valid_utf8("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xed\xa0\x80"));      // surrogate
  EXPECT_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xe4\xb8"));          // truncated
}

}  // namespace
}  // namespace kf::db
