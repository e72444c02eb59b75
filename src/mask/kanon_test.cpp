#include <gtest/gtest.h>

#include "mask/kanon.h"

namespace kf::mask {
namespace {

TEST(KAnonymity, CountsClassesAndRowsBelowK) {
  const std::vector<std::vector<std::string>> rows = {
      {"男", "1990", "奎文区", "a"}, {"男", "1990", "奎文区", "b"}, {"男", "1990", "奎文区", "c"},
      {"女", "1985", "潍城区", "d"}, {"女", "1985", "潍城区", "e"}, {"女", "1991", "潍城区", "f"},
      {"男", "1990"}};  // short row: missing district counts as ""
  const auto r = k_anonymity(rows, {0, 1, 2}, 2);
  EXPECT_EQ(r.k, 2u);
  EXPECT_EQ(r.classes, 4u);
  EXPECT_EQ(r.smallest_class, 1u);
  EXPECT_EQ(r.rows_below_k, 2u);
  const auto s = k_anonymity_suppress(rows, {0, 1, 2}, 2);
  EXPECT_EQ(s.rows_to_suppress, (std::vector<std::size_t>{5, 6}));
  const auto r3 = k_anonymity(rows, {0, 1, 2}, 3);
  EXPECT_EQ(r3.rows_below_k, 4u);
  // Generalising away a quasi-identifier merges classes.
  const auto gender_only = k_anonymity(rows, {0}, 3);
  EXPECT_EQ(gender_only.classes, 2u);
  EXPECT_EQ(gender_only.smallest_class, 3u);
  EXPECT_EQ(gender_only.rows_below_k, 0u);
  EXPECT_EQ(k_anonymity(rows, {}, 2).classes, 1u);
  EXPECT_EQ(k_anonymity({}, {0}, 2).smallest_class, 0u);
}

TEST(KAnonymity, ValuesDoNotCollideAcrossColumns) {
  const std::vector<std::vector<std::string>> rows = {{"a|b", "c"}, {"a", "b|c"}};
  EXPECT_EQ(k_anonymity(rows, {0, 1}, 2).classes, 2u);
}

}  // namespace
}  // namespace kf::mask
