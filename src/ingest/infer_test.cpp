#include "ingest/infer.h"

#include <gtest/gtest.h>

#include "core/id_number.h"
#include "ingest/test_util.h"

namespace kf::ingest {
namespace {

using core::FieldCheck;
using core::FieldType;
using testing::rec;

TEST(TypeInferer, ProposesTypesFromValues) {
  const std::string id1 =
      "11010519491231002" + std::string(1, core::id_number_check_char("11010519491231002"));
  const std::string id2 =
      "35010219880416084" + std::string(1, core::id_number_check_char("35010219880416084"));
  const std::vector<std::string> header = {"身份证号", "信用代码", "上市", "人数", "金额", "日期",
                                           "时间",     "邮编",     "名称", "空列", "标志", "卡号"};
  TypeInferer t;
  t.add(rec({id1.c_str(), "91350100M000100Y43", "是", "12", "1.5", "2024/1/5", "2024-01-05 08:00",
             "350001", "福州市交通局", nullptr, "1", "6222021234567890123"}));
  t.add(rec({id2.c_str(), "914403001922038216", "否", "-3", "7", "2024-02-29", "2024-01-06",
             "010010", "医院", nullptr, "0", "6222021234567890124"}));
  t.add(rec({nullptr, "914403001922038216", "true", "0", "2e3", "20240301", "2024-01-07T09:10:11",
             "100000", "第三条记录的名称", "", "1"}));  // short row: the last column is null
  const auto fields = t.propose(header);
  ASSERT_EQ(fields.size(), header.size());
  auto expect = [&](std::size_t i, FieldType type, bool nullable,
                    FieldCheck check = FieldCheck::none) {
    EXPECT_EQ(fields[i].name, header[i]);
    EXPECT_EQ(fields[i].label, header[i]);
    EXPECT_EQ(fields[i].type, type) << header[i];
    EXPECT_EQ(fields[i].nullable, nullable) << header[i];
    EXPECT_EQ(fields[i].check, check) << header[i];
    EXPECT_FALSE(fields[i].key);
  };
  expect(0, FieldType::text, true, FieldCheck::id_number);
  EXPECT_EQ(fields[0].security_grade, "L3");
  EXPECT_EQ(fields[0].length, 18);
  expect(1, FieldType::text, false, FieldCheck::uscc);
  expect(2, FieldType::boolean, false);
  expect(3, FieldType::integer, false);
  expect(4, FieldType::decimal, false);
  expect(5, FieldType::date, false);
  expect(6, FieldType::datetime, false);
  expect(7, FieldType::text, false);  // "010010": leading zero, a code
  expect(8, FieldType::text, false);
  EXPECT_EQ(fields[8].length, 8);  // characters, not bytes
  expect(9, FieldType::text, true);
  EXPECT_FALSE(fields[9].length);
  expect(10, FieldType::integer, false);  // 0/1 alone is a number
  expect(11, FieldType::text, true);      // 19 digits: an identifier
  EXPECT_EQ(t.rows(), 3);
}

TEST(TypeInferer, HeaderWiderThanAnyRow) {
  TypeInferer t;
  t.add(rec({"1"}));
  const auto fields = t.propose({"a", "b"});
  EXPECT_EQ(fields[0].type, FieldType::integer);
  EXPECT_FALSE(fields[0].nullable);
  EXPECT_EQ(fields[1].type, FieldType::text);
  EXPECT_TRUE(fields[1].nullable);
}

}  // namespace
}  // namespace kf::ingest
