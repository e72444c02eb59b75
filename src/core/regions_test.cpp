#include "core/regions.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace kf::core {
namespace {

std::string table_path() {
  const char* src = std::getenv("KF_SOURCE_DIR");
  const std::filesystem::path root =
      src != nullptr && *src != '\0'
          ? std::filesystem::path(src)
          : std::filesystem::path(__FILE__).parent_path().parent_path().parent_path();
  return (root / "data" / "regions" / "gb2260.tsv").string();
}

class RegionTableTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto loaded = RegionTable::load(table_path());
    ASSERT_TRUE(loaded.ok()) << loaded.error().detail;
    table_ = new RegionTable(std::move(loaded).value());
  }
  static void TearDownTestSuite() {
    delete table_;
    table_ = nullptr;
  }
  void SetUp() override { ASSERT_NE(table_, nullptr) << "region table failed to load"; }
  static const RegionTable& t() { return *table_; }

 private:
  static RegionTable* table_;
};
RegionTable* RegionTableTest::table_ = nullptr;

TEST_F(RegionTableTest, LoadsWholeTable) { EXPECT_GT(t().size(), 3000u); }

TEST_F(RegionTableTest, Province) {
  const Region* r = t().find("370000");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->name, "山东省");
  EXPECT_EQ(r->level, RegionLevel::province);
  EXPECT_EQ(r->parent_code, "");
  EXPECT_EQ(t().parent(*r), nullptr);
}

TEST_F(RegionTableTest, CityWithParent) {
  const Region* r = t().find("370700");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->name, "潍坊市");
  EXPECT_EQ(r->level, RegionLevel::city);
  EXPECT_EQ(r->parent_code, "370000");
}

TEST_F(RegionTableTest, CountyUnderCity) {
  const Region* r = t().find("370702");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->name, "潍城区");
  EXPECT_EQ(r->level, RegionLevel::county);
  EXPECT_EQ(r->parent_code, "370700");
  const Region* p = t().parent(*r);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->name, "潍坊市");
}

TEST_F(RegionTableTest, ZhejiangCities) {
  const Region* lishui = t().find("331100");
  ASSERT_NE(lishui, nullptr);
  EXPECT_EQ(lishui->name, "丽水市");
  EXPECT_EQ(lishui->parent_code, "330000");
  const Region* hangzhou = t().find("330100");
  ASSERT_NE(hangzhou, nullptr);
  EXPECT_EQ(hangzhou->name, "杭州市");
  EXPECT_EQ(hangzhou->level, RegionLevel::city);
}

TEST_F(RegionTableTest, MunicipalityCountiesHangUnderProvince) {
  EXPECT_EQ(t().find("110100"), nullptr);  // the 市辖区 placeholder is not a division
  const Region* r = t().find("110101");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->name, "东城区");
  EXPECT_EQ(r->parent_code, "110000");
}

TEST_F(RegionTableTest, CheckAcceptsKnownCode) {
  auto r = t().check("370700");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)->name, "潍坊市");
}

TEST_F(RegionTableTest, CheckRefusesUnknownCode) {
  auto r = t().check("379999");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(r.error().field, "region_code");
  EXPECT_EQ(r.error().message, "行政区划代码不存在：379999");
  EXPECT_EQ(t().find("379999"), nullptr);
}

TEST_F(RegionTableTest, CheckRefusesMalformedCode) {
  for (std::string_view bad : {"", "37070", "3707000", "37070a", " 370700", "３７０７００"}) {
    auto r = t().check(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().message, "行政区划代码应为6位数字");
    EXPECT_EQ(r.error().field, "region_code");
    EXPECT_EQ(t().find(bad), nullptr);
  }
}

TEST(RegionTableParse, RefusesBrokenTables) {
  EXPECT_FALSE(RegionTable::parse("").ok());
  EXPECT_FALSE(RegionTable::parse("wrong header\n").ok());
  const std::string h = "code\tname\tlevel\tparent_code\n";
  EXPECT_FALSE(RegionTable::parse(h + "37000\t山东省\tprovince\t\n").ok());
  EXPECT_FALSE(RegionTable::parse(h + "370000\t山东省\tstate\t\n").ok());
  EXPECT_FALSE(RegionTable::parse(h + "370000\t山东省\tprovince\n").ok());
  EXPECT_FALSE(RegionTable::parse(h + "370700\t潍坊市\tcity\t370000\n").ok());  // no parent
  EXPECT_FALSE(
      RegionTable::parse(h + "370000\t山东省\tprovince\t\n370000\t山东省\tprovince\t\n").ok());
  auto ok =
      RegionTable::parse(h + "370700\t潍坊市\tcity\t370000\r\n370000\t山东省\tprovince\t\r\n");
  ASSERT_TRUE(ok.ok()) << ok.error().detail;
  EXPECT_EQ(ok->size(), 2u);
  EXPECT_EQ(ok->all().front().code, "370000");
}

TEST(RegionTableLoad, MissingFileIsInternalError) {
  auto r = RegionTable::load("/nonexistent/gb2260.tsv");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::internal);
}

}  // namespace
}  // namespace kf::core
