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
  EXPECT_EQ(fields[8].length, 20);  // 8 characters (not bytes) with headroom
  expect(9, FieldType::text, true);
  EXPECT_FALSE(fields[9].length);
  expect(10, FieldType::integer, false);  // 0/1 alone is a number
  expect(11, FieldType::text, true);      // 19 digits: an identifier
  EXPECT_EQ(t.rows(), 3);
}

TEST(TypeInferer, PhoneNumbersAndCodesStayText) {
  const std::vector<std::string> header = {"手机", "国际号码", "座机", "区号", "户数", "编号"};
  TypeInferer t;
  t.add(rec({"13812345678", "+8613812345678", "05368888888", "0536", "12", "+15"}));
  t.add(rec({"19912345678", "+85291234567", "053612345678", "0631", "13800000", "+16"}));
  t.add(rec({"15012345678", "+8618912345678", "01012345678", "010", "7", "+17"}));
  const auto fields = t.propose(header);
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u}) {
    EXPECT_EQ(fields[i].type, FieldType::text) << header[i];
    ASSERT_TRUE(fields[i].length) << header[i];
  }
  EXPECT_EQ(fields[0].length, 30) << "11 digits with headroom";
  EXPECT_EQ(fields[4].type, FieldType::integer) << "an 8-digit count is still a number";

  // One value that is not a mobile number (12 digits) makes an integer column again only if
  // nothing else in it is a code.
  TypeInferer mixed;
  mixed.add(rec({"13812345678"}));
  mixed.add(rec({"123456789012"}));
  EXPECT_EQ(mixed.propose({"x"})[0].type, FieldType::text);
  TypeInferer plain;
  plain.add(rec({"12345678901"}));  // 11 digits starting 12: not a mobile number
  plain.add(rec({"10"}));
  EXPECT_EQ(plain.propose({"x"})[0].type, FieldType::integer);
}

TEST(TypeInferer, ADateColumnWithOneBadValueIsADateAndTheRowIsReported) {
  const std::vector<std::string> header = {"出生日期", "登记时间", "两个坏值", "太少"};
  TypeInferer t;
  t.add(rec({"1990-01-02", "2024-01-05 08:00", "2024-01-01", "2024-01-01"}));
  t.add(rec({"1988/12/31", "2024-01-06 09:30", "不详", "2024-01-02"}));
  t.add(rec({"张三1990", "2024-01-07T10:00:00", "2024-01-03", "未知"}));  // a name slipped in
  t.add(rec({"2001-07-15", "2024-13-45 10:00", "待查", nullptr}));
  t.add(rec({"19991231", "2024-01-08 11:00", "2024-01-05", nullptr}));
  const auto fields = t.propose(header);
  EXPECT_EQ(fields[0].type, FieldType::date);
  EXPECT_EQ(fields[1].type, FieldType::datetime);
  EXPECT_EQ(fields[2].type, FieldType::text) << "two bad values: not a date column";
  EXPECT_EQ(fields[3].type, FieldType::text) << "one bad value among two dates is too few to tell";

  const auto notes = t.notes(header);
  ASSERT_EQ(notes.size(), 2u);
  EXPECT_EQ(notes[0].column, "出生日期");
  EXPECT_EQ(notes[0].row, 3);
  EXPECT_NE(notes[0].message.find("第 3 行"), std::string::npos) << notes[0].message;
  EXPECT_EQ(notes[0].message.find("张三"), std::string::npos) << "the value itself is never quoted";
  EXPECT_EQ(notes[1].column, "登记时间");
  EXPECT_EQ(notes[1].row, 4);
  EXPECT_EQ(notes[1].message.find("2024-13-45"), std::string::npos);

  TypeInferer clean;
  clean.add(rec({"2024-01-01"}));
  EXPECT_TRUE(clean.notes({"日期"}).empty());
}

TEST(TypeInferer, TextLengthsLeaveHeadroom) {
  EXPECT_EQ(TypeInferer::text_length(0), 10);
  EXPECT_EQ(TypeInferer::text_length(1), 20);
  EXPECT_EQ(TypeInferer::text_length(8), 20);
  EXPECT_EQ(TypeInferer::text_length(10), 20);
  EXPECT_EQ(TypeInferer::text_length(18), 30);
  EXPECT_EQ(TypeInferer::text_length(20), 30);
  EXPECT_EQ(TypeInferer::text_length(100), 150);
  EXPECT_EQ(TypeInferer::text_length(101), 160);
  TypeInferer t;
  t.add(rec({"潍坊市交通运输局"}));
  t.add(rec({"潍坊市奎文区人民政府东关街道办事处"}));  // 17 characters
  EXPECT_EQ(t.propose({"单位"})[0].length, 30);
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
