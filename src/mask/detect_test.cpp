#include <gtest/gtest.h>

#include "mask/detect.h"

namespace kf::mask {
namespace {

// Confidence of `kind` for the value, 0 when not detected.
double conf(std::string_view v, Kind kind, std::string_view label = {}) {
  for (const Detection& d : detect(v, label)) {
    if (d.kind == kind) return d.confidence;
  }
  return 0;
}

bool is(std::string_view v, Kind kind, std::string_view label = {}) {
  return conf(v, kind, label) >= kMinConfidence;
}

TEST(Detect, KindNames) {
  EXPECT_EQ(to_string(Kind::id_number), "id_number");
  EXPECT_EQ(to_string(Kind::credit_code), "credit_code");
  EXPECT_EQ(to_string(Kind::birth_date), "birth_date");
}

TEST(Detect, IdNumbers) {
  EXPECT_TRUE(is("11010519491231002X", Kind::id_number));
  EXPECT_TRUE(is("11010519491231002x", Kind::id_number));
  EXPECT_TRUE(is(" 110105491231002 ", Kind::id_number));  // 15-digit legacy form
  EXPECT_FALSE(is("110105194912310021", Kind::id_number));  // wrong check digit
  EXPECT_FALSE(is("110105194913310029", Kind::id_number));  // month 13
  EXPECT_FALSE(is("11010519491231002X", Kind::bank_card));
  EXPECT_FALSE(is("11010519491231002X", Kind::credit_code));
}

TEST(Detect, MobileAndLandline) {
  EXPECT_TRUE(is("13812345678", Kind::mobile));
  EXPECT_TRUE(is("+86 138-1234-5678", Kind::mobile));
  EXPECT_TRUE(is("8613812345678", Kind::mobile));
  EXPECT_FALSE(is("12812345678", Kind::mobile));
  EXPECT_FALSE(is("1381234567", Kind::mobile));
  EXPECT_FALSE(is("13812345678", Kind::mobile, "订单号"));
  EXPECT_TRUE(is("010-62345678", Kind::landline));
  EXPECT_TRUE(is("(0536)8234567", Kind::landline));
  EXPECT_TRUE(is("（0536）8234567", Kind::landline));
  EXPECT_TRUE(is("0536-8234567", Kind::landline));
  EXPECT_TRUE(is("05368234567", Kind::landline, "办公电话"));
  EXPECT_FALSE(is("05368234567", Kind::landline));
  EXPECT_FALSE(is("0536-0234567", Kind::landline));
  EXPECT_FALSE(is("2024-01-05", Kind::landline));
}

TEST(Detect, EmailAndIp) {
  EXPECT_TRUE(is("zhang.san@example.com.cn", Kind::email));
  EXPECT_FALSE(is("zhang@localhost", Kind::email));
  EXPECT_FALSE(is("a..b@example.com", Kind::email));
  EXPECT_FALSE(is("@example.com", Kind::email));
  EXPECT_TRUE(is("192.168.1.20", Kind::ip));
  EXPECT_TRUE(is("2001:db8::8a2e:370:7334", Kind::ip));
  EXPECT_FALSE(is("192.168.1.256", Kind::ip));
  EXPECT_FALSE(is("1.2.3", Kind::ip));
  EXPECT_FALSE(is("1.2.3.4", Kind::ip, "版本号"));
}

TEST(Detect, BankCardsAndCreditCodes) {
  EXPECT_TRUE(is("6222021234567890128", Kind::bank_card));  // Luhn ok (19 digits)
  EXPECT_TRUE(is("4111 1111 1111 1111", Kind::bank_card));
  const double bad = conf("6222021234567890127", Kind::bank_card);
  EXPECT_GT(bad, 0);  // Luhn failure lowers, does not exclude
  EXPECT_LT(bad, kMinConfidence);
  EXPECT_TRUE(is("6222021234567890127", Kind::bank_card, "银行卡号"));
  EXPECT_TRUE(is("91350100M000100Y43", Kind::credit_code));
  EXPECT_FALSE(is("91350100M000100Y44", Kind::credit_code));
  EXPECT_FALSE(is("91350100M000100Y43", Kind::id_number));
}

TEST(Detect, PlatesAndPassports) {
  EXPECT_TRUE(is("鲁G12345", Kind::plate));
  EXPECT_TRUE(is("京A·8B2C6", Kind::plate));
  EXPECT_TRUE(is("粤BD12345", Kind::plate));  // new energy, small car
  EXPECT_TRUE(is("沪A12345F", Kind::plate));  // new energy, large vehicle
  EXPECT_TRUE(is("鲁G1234学", Kind::plate));
  EXPECT_FALSE(is("鲁GABCDE", Kind::plate));
  EXPECT_FALSE(is("XXG12345", Kind::plate));
  EXPECT_TRUE(is("E12345678", Kind::passport));
  EXPECT_TRUE(is("EA1234567", Kind::passport));
  EXPECT_TRUE(is("G12345678", Kind::passport));
  EXPECT_FALSE(is("E1234567", Kind::passport));
  EXPECT_FALSE(is("D12345678", Kind::passport));
  EXPECT_TRUE(is("D12345678", Kind::passport, "护照号码"));
}

TEST(Detect, NamesUseSurnamesAndContext) {
  EXPECT_TRUE(is("王小明", Kind::name));
  EXPECT_TRUE(is("欧阳娜娜", Kind::name));
  EXPECT_TRUE(is("司马光", Kind::name));
  EXPECT_FALSE(is("张三", Kind::name));  // two characters need a label
  EXPECT_TRUE(is("张三", Kind::name, "姓名"));
  EXPECT_TRUE(is("李娜", Kind::name, "法定代表人"));
  EXPECT_GT(conf("王小明", Kind::name, "联系人"), conf("王小明", Kind::name));
  EXPECT_FALSE(is("王氏有限公司", Kind::name));
  EXPECT_FALSE(is("高新区", Kind::name));
  EXPECT_FALSE(is("黄河路", Kind::name));
  EXPECT_FALSE(is("税务局", Kind::name));
  EXPECT_FALSE(is("安全", Kind::name, "姓名"));
  EXPECT_FALSE(is("王小明", Kind::name, "单位名称"));
  EXPECT_FALSE(is("Wang", Kind::name));
  EXPECT_FALSE(is("王小明明明", Kind::name));
}

TEST(Detect, Addresses) {
  EXPECT_TRUE(is("山东省潍坊市奎文区胜利东街5号", Kind::address));
  EXPECT_TRUE(is("北京市海淀区中关村大街27号", Kind::address));
  EXPECT_TRUE(is("河北省沧县王庄村3组", Kind::address));
  EXPECT_TRUE(is("人民路18号3单元502室", Kind::address));
  EXPECT_FALSE(is("潍坊市奎文区人民政府", Kind::address));
  EXPECT_FALSE(is("山东某某科技有限公司", Kind::address));
  EXPECT_FALSE(is("人民路", Kind::address));
  EXPECT_FALSE(is("全市", Kind::address));
}

TEST(Detect, GpsAndBirthDates) {
  EXPECT_TRUE(is("116.397128,39.916527", Kind::gps));
  EXPECT_TRUE(is("39.916527, 116.397128", Kind::gps));
  EXPECT_FALSE(is("12,34", Kind::gps));
  EXPECT_FALSE(is("116.397128", Kind::gps));
  EXPECT_TRUE(is("116.397128", Kind::gps, "经度"));
  EXPECT_TRUE(is("39.916527", Kind::gps, "纬度"));
  EXPECT_FALSE(is("200.5", Kind::gps, "纬度"));
  EXPECT_TRUE(is("1990-03-07", Kind::birth_date, "出生日期"));
  EXPECT_TRUE(is("1990年3月7日", Kind::birth_date, "生日"));
  EXPECT_FALSE(is("1990-03-07", Kind::birth_date));  // no label: just a date
  EXPECT_FALSE(is("2990-03-07", Kind::birth_date, "出生日期"));  // in the future
  EXPECT_FALSE(is("1990-02-30", Kind::birth_date, "出生日期"));
}

TEST(Detect, EmptyAndGarbage) {
  EXPECT_TRUE(detect("").empty());
  EXPECT_TRUE(detect("   ").empty());
  EXPECT_TRUE(detect("\xff\xfe\xfd").empty());
  EXPECT_TRUE(detect(std::string(5000, '1')).empty());
}

}  // namespace
}  // namespace kf::mask
