#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "db/database.h"

namespace kf::db {
namespace {

Row row(std::vector<Value> cells) { return Row(std::move(cells)); }

TEST(Row, Int64ConvertsLeniently) {
  const auto max = std::numeric_limits<std::int64_t>::max();
  const auto min = std::numeric_limits<std::int64_t>::min();
  Row r = row({std::int64_t{-5}, 2.9, -2.9, std::string("42"), std::string(" 7 "),
               std::string("3.9"), std::string("abc"), null(), 1e300, -1e300, NAN});
  EXPECT_EQ(r.int64(0), -5);
  EXPECT_EQ(r.int64(1), 2);
  EXPECT_EQ(r.int64(2), -2);
  EXPECT_EQ(r.int64(3), 42);
  EXPECT_EQ(r.int64(4), 7);
  EXPECT_EQ(r.int64(5), 3);
  EXPECT_EQ(r.int64(6), 0);
  EXPECT_EQ(r.int64(7), 0);
  EXPECT_EQ(r.int64(8), max);  // saturates instead of undefined behaviour
  EXPECT_EQ(r.int64(9), min);
  EXPECT_EQ(r.int64(10), 0);
  EXPECT_THROW((void)r.int64(11), std::out_of_range);
}

TEST(Row, RealAndText) {
  Row r = row({std::int64_t{3}, 0.1, std::string("2.5"), null(), std::string("数据")});
  EXPECT_EQ(r.real(0), 3.0);
  EXPECT_EQ(r.real(1), 0.1);
  EXPECT_EQ(r.real(2), 2.5);
  EXPECT_EQ(r.real(3), 0.0);
  EXPECT_EQ(r.text(0), "3");
  EXPECT_EQ(r.text(1), "0.1");  // shortest round-trip form, not 0.100000
  EXPECT_EQ(r.text(3), "");
  EXPECT_EQ(r.opt_text(3), std::nullopt);
  EXPECT_EQ(r.opt_text(4), "数据");
  EXPECT_TRUE(r.is_null(3));
  EXPECT_FALSE(r.is_null(4));
  EXPECT_EQ(r.size(), 5u);
}

}  // namespace
}  // namespace kf::db
