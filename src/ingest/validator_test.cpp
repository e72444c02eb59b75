#include "ingest/validator.h"

#include <gtest/gtest.h>

#include "core/id_number.h"
#include "ingest/test_util.h"
#include "ingest/uscc.h"

namespace kf::ingest {
namespace {

using core::Field;
using core::FieldCheck;
using core::FieldType;
using testing::rec;

std::string id_number(const std::string& first17) {
  return first17 + core::id_number_check_char(first17);
}
std::string wrong_id_number(const std::string& first17) {
  const char good = core::id_number_check_char(first17);
  return first17 + (good == '1' ? '2' : '1');
}

const std::string kId1 = id_number("35010219880416084");
const std::string kId2 = id_number("11010519491231002");
const std::string kBadId = wrong_id_number("35010219900101123");

Field field(std::string name, FieldType type, bool nullable = true) {
  Field f;
  f.name = std::move(name);
  f.type = type;
  f.nullable = nullable;
  return f;
}

// The dictionary of a registered-companies entry.
std::vector<Field> companies() {
  std::vector<Field> d;
  d.push_back(field("code", FieldType::text, false));
  d.back().label = "统一社会信用代码";
  d.back().key = true;
  d.back().check = FieldCheck::uscc;
  d.push_back(field("name", FieldType::text, false));
  d.back().label = "企业名称";
  d.back().length = 10;
  d.push_back(field("legal_id", FieldType::text));
  d.back().label = "法人身份证号";
  d.back().check = FieldCheck::id_number;
  d.back().security_grade = "L3";
  d.push_back(field("capital", FieldType::decimal));
  d.back().min = "0";
  d.back().max = "100000";
  d.push_back(field("founded", FieldType::date));
  d.back().min = "1949-10-01";
  d.push_back(field("staff", FieldType::integer));
  d.back().min = "0";
  d.push_back(field("status", FieldType::text));
  d.back().allowed_values = {"存续", "注销"};
  d.push_back(field("phone", FieldType::text));
  d.back().pattern = "1[3-9][0-9]{9}";
  d.back().security_grade = "L2";
  d.push_back(field("listed", FieldType::boolean));
  d.push_back(field("updated", FieldType::datetime));
  return d;
}

const std::vector<std::string> kHeader = {"统一社会信用代码", "企业名称", "法人身份证号", "capital",
                                          "founded",          "staff",    "status",       "phone",
                                          "listed",           "updated"};

RowValidator make(std::vector<Field> fields = companies(),
                  const std::vector<std::string>& header = kHeader) {
  auto v = RowValidator::create(std::move(fields), header);
  EXPECT_TRUE(v.ok()) << (v.ok() ? "" : v.error().message);
  return std::move(v).value();
}

Record good_row(const std::string& code = "91350100M000100Y43") {
  return rec({code.c_str(), "福州某某科技", kId1.c_str(), "100.5", "2001/2/3", "12", "存续",
              "13800138000", "是", "2024-01-05 08:30"});
}

std::string reasons(const std::vector<Violation>& vs) {
  std::string out;
  for (const auto& v : vs) out += (out.empty() ? "" : " | ") + v.column + ": " + v.reason;
  return out;
}

TEST(RowValidator, HeaderMatchesNamesThenLabels) {
  auto v = make();
  EXPECT_EQ(v.column_fields(), (std::vector<std::size_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
  EXPECT_TRUE(v.check(good_row()).empty()) << reasons(v.check(good_row("914403001922038216")));
  // Optional columns may be left out, in any order.
  auto w = make(companies(), {"企业名称", "code"});
  EXPECT_EQ(w.column_fields(), (std::vector<std::size_t>{1, 0}));
  EXPECT_TRUE(w.check(rec({"某公司", "91350100M000100Y43"})).empty());
}

TEST(RowValidator, HeaderRefusals) {
  auto err = [](std::vector<Field> fields, std::vector<std::string> header) {
    auto v = RowValidator::create(std::move(fields), header);
    EXPECT_FALSE(v.ok());
    return v.ok() ? std::string() : v.error().message;
  };
  EXPECT_EQ(err(companies(), {"企业名称"}), "文件缺少必填的列：「code（统一社会信用代码）」");
  EXPECT_EQ(
      err(companies(), {"code", "name", "备注", "x"}),
      "文件中有数据字典之外的列：「备注」、「x」。请删除这些列，或先在数据字典中添加对应字段");
  EXPECT_EQ(err(companies(), {"code", "name", "企业名称"}),
            "文件中的列「name」和「企业名称」对应同一个字段「name」");
  auto bad = companies();
  bad[7].pattern = "1[3-9";
  EXPECT_TRUE(err(bad, kHeader).starts_with("字段「phone」的格式（正则表达式）无效："));
  bad = companies();
  bad[1].min = "a";
  EXPECT_EQ(err(bad, kHeader), "字段「name」是 text 类型，不能设置最小值或最大值");
  bad = companies();
  bad[5].max = "many";
  EXPECT_EQ(err(bad, kHeader), "字段「staff」的最大值不是有效的整数（或超出范围）");
  bad = companies();
  bad[4].allowed_values = {"2024-13-01"};
  EXPECT_EQ(err(bad, kHeader),
            "字段「founded」的允许值「2024-13-01」不是有效的日期（应为 YYYY-MM-DD）");
  bad = companies();
  bad[0].security_grade = "L9";
  EXPECT_FALSE(err(bad, kHeader).empty());
}

struct Case {
  std::size_t col;
  std::string value;  // "" = null
  std::string reason;
};

TEST(RowValidator, EachRule) {
  const Case cases[] = {
      {0, "", "不能为空"},
      {0, "91350100M000100Y44", "统一社会信用代码校验位错误，请核对后重新输入"},
      {1, "一二三四五六七八九十一", "长度为 11 个字符，超过上限 10 个字符"},
      {2, kBadId, "身份证号码校验位错误，请核对后重新输入"},
      {2, "1234", "身份证号码应为18位（或15位旧号码）数字，末位可为X"},
      {3, "abc", "值「abc」不是有效的数值"},
      {3, "-1", "值「-1」小于最小值 0"},
      {3, "100000.01", "值「100000.01」大于最大值 100000"},
      {4, "1949-09-30", "值「1949-09-30」早于最小值 1949-10-01"},
      {4, "2023-02-29", "值「2023-02-29」不是有效的日期（应为 YYYY-MM-DD）"},
      {5, "1.5", "值「1.5」不是有效的整数（或超出范围）"},
      {5, "99999999999999999999", "值「99999999999999999999」不是有效的整数（或超出范围）"},
      {5, "-3", "值「-3」小于最小值 0"},
      {6, "吊销", "值「吊销」不在允许的取值范围内（存续、注销）"},
      {7, "1380013800", "值「1380013800」不符合规定的格式"},
      {7, "23800138000", "值「23800138000」不符合规定的格式"},
      {8, "可能", "值「可能」不是有效的布尔值（应为 是/否、true/false 或 1/0）"},
      {9, "2024-01-05 25:00",
       "值「2024-01-05 25:00」不是有效的日期时间（应为 YYYY-MM-DD HH:MM:SS）"},
  };
  for (const auto& c : cases) {
    auto v = make();
    Record row = good_row();
    row[c.col] = c.value.empty() ? std::nullopt : std::optional(c.value);
    const auto vs = v.check(row);
    ASSERT_EQ(vs.size(), 1u) << c.value << " → " << reasons(vs);
    EXPECT_EQ(vs[0].column, kHeader[c.col]);
    EXPECT_EQ(vs[0].reason, c.reason);
  }
}

TEST(RowValidator, NullsAndEmptyStrings) {
  auto v = make();
  Record row = good_row();
  for (std::size_t i = 2; i < row.size(); ++i) row[i] = std::nullopt;
  EXPECT_TRUE(v.check(row).empty());
  row[0] = "914403001922038216";  // another key
  row[1] = "";                    // an empty JSON string in a required column is still missing
  const auto vs = v.check(row);
  ASSERT_EQ(vs.size(), 1u);
  EXPECT_EQ(vs[0].column, "企业名称");
  EXPECT_EQ(vs[0].reason, "不能为空");
}

TEST(RowValidator, WrongFieldCountIsOneViolation) {
  auto v = make();
  Record row = good_row();
  row.pop_back();
  row[5] = "not a number";
  const auto vs = v.check(row);
  ASSERT_EQ(vs.size(), 1u);
  EXPECT_EQ(vs[0].column, "");
  EXPECT_EQ(vs[0].reason, "该行有 9 列，与表头的 10 列不一致");
}

TEST(RowValidator, KeyUniquenessAcrossRows) {
  auto d = companies();
  d[5].key = true;  // (code, staff): staff compares as an integer, "007" = "7"
  auto v = make(d);
  Record a = good_row();
  a[5] = "7";
  Record b = good_row();
  b[5] = "007";
  Record c = good_row();
  c[5] = "8";
  EXPECT_TRUE(v.check(a).empty());
  EXPECT_TRUE(v.check(c).empty());
  const auto vs = v.check(b);
  ASSERT_EQ(vs.size(), 1u);
  EXPECT_EQ(vs[0].reason, "主键（统一社会信用代码、staff）与第 1 条记录重复");
  // A null key part is not compared (and the nullable part may be null).
  Record n = good_row();
  n[5] = std::nullopt;
  EXPECT_TRUE(v.check(n).empty());
  EXPECT_TRUE(v.check(n).empty());
  EXPECT_EQ(v.rows_checked(), 5);
}

TEST(RowValidator, ThreeBadRowsOutOfTwenty) {
  auto v = make();
  auto code = [](int i) {
    const std::string first17 = "913501000000000" + std::to_string(10 + i);
    return first17 + uscc_check_char(first17);
  };
  std::vector<std::vector<Violation>> results;
  for (int n = 1; n <= 20; ++n) {
    Record row = good_row(code(n == 16 ? 3 : n));  // row 16 repeats the key of row 3
    if (n == 5) row[2] = kBadId;
    if (n == 10) row[4] = "2024-02-30", row[6] = "吊销";
    results.push_back(v.check(row));
  }
  std::vector<int> bad;
  for (std::size_t i = 0; i < results.size(); ++i) {
    if (!results[i].empty()) bad.push_back(static_cast<int>(i) + 1);
  }
  EXPECT_EQ(bad, (std::vector<int>{5, 10, 16}));
  EXPECT_EQ(reasons(results[4]), "法人身份证号: 身份证号码校验位错误，请核对后重新输入");
  EXPECT_EQ(reasons(results[9]),
            "founded: 值「2024-02-30」不是有效的日期（应为 YYYY-MM-DD） | "
            "status: 值「吊销」不在允许的取值范围内（存续、注销）");
  EXPECT_EQ(reasons(results[15]), "统一社会信用代码: 主键（统一社会信用代码）与第 3 条记录重复");
}

TEST(RowValidator, NoPersonalDataInReasons) {
  auto d = companies();
  d[7].security_grade = "L3";  // phone becomes sensitive too
  d[2].length = 5;
  auto v = make(d);
  Record row = good_row();
  row[2] = kId2 + "0";  // too long and malformed
  row[7] = "1380013800";
  auto vs = v.check(row);
  ASSERT_EQ(vs.size(), 3u) << reasons(vs);
  for (const auto& x : vs) {
    EXPECT_EQ(x.reason.find(kId2), std::string::npos) << x.reason;
    EXPECT_EQ(x.reason.find(kId2.substr(0, 6)), std::string::npos) << x.reason;
    EXPECT_EQ(x.reason.find("1380013800"), std::string::npos) << x.reason;
  }
  EXPECT_EQ(vs[2].reason, "值不符合规定的格式");
  row = good_row("914403001922038216");
  row[2] = kBadId;
  vs = v.check(row);
  ASSERT_EQ(vs.size(), 2u) << reasons(vs);  // too long for the (odd) length 5, and bad check digit
  EXPECT_EQ(vs[0].reason, "长度为 18 个字符，超过上限 5 个字符");
  EXPECT_EQ(vs[1].reason, "身份证号码校验位错误，请核对后重新输入");
}

TEST(RowValidator, CheckAndNormalizeRewritesValidRows) {
  auto v = make();
  Record row = good_row();
  row[5] = " +12 ";
  EXPECT_TRUE(v.check_and_normalize(row).empty());
  EXPECT_EQ(row[4], "2001-02-03");
  EXPECT_EQ(row[5], "12");
  EXPECT_EQ(row[8], "true");
  EXPECT_EQ(row[9], "2024-01-05T08:30:00");
  EXPECT_EQ(row[1], "福州某某科技");
  Record bad = good_row("914403001922038216");
  bad[6] = "吊销";
  EXPECT_FALSE(v.check_and_normalize(bad).empty());
  EXPECT_EQ(bad[4], "2001/2/3");  // a rejected row keeps what the file said
}

TEST(RowValidator, LongValuesAreCutInReasons) {
  auto d = companies();
  d[6].allowed_values = {"存续"};
  auto v = make(d);
  Record row = good_row();
  row[6] = std::string(60, 'x');
  const auto vs = v.check(row);
  ASSERT_EQ(vs.size(), 1u);
  EXPECT_EQ(vs[0].reason, "值「" + std::string(40, 'x') + "…」不在允许的取值范围内（存续）");
}

}  // namespace
}  // namespace kf::ingest
