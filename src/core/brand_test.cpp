#include "core/brand.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/crypto.h"

namespace kf::core {
namespace {

std::string source_dir() {
  if (const char* d = std::getenv("KF_SOURCE_DIR")) return d;
  return std::filesystem::path(__FILE__).parent_path().parent_path().parent_path().string();
}

RegionTable regions() {
  auto t = RegionTable::load(source_dir() + "/data/regions/gb2260.tsv");
  EXPECT_TRUE(t) << t.error().message;
  return std::move(t).value();
}

TEST(Brand, ContrastRatiosFollowWcag) {
  EXPECT_NEAR(contrast_ratio("#000000", "#ffffff"), 21.0, 1e-9);
  EXPECT_NEAR(contrast_ratio("#FFFFFF", "#ffffff"), 1.0, 1e-9);
  EXPECT_NEAR(contrast_ratio("#777777", "#ffffff"), 4.48, 0.01);  // just under AA
  EXPECT_NEAR(contrast_ratio("#1f5fbf", "#ffffff"), contrast_ratio("#ffffff", "#1f5fbf"), 1e-12);
  EXPECT_GT(contrast_ratio("#1f5fbf", "#ffffff"), 4.5);
  EXPECT_EQ(contrast_ratio("#12345", "#ffffff"), 0);
  EXPECT_EQ(contrast_ratio("1f5fbf0", "#ffffff"), 0);
  EXPECT_EQ(contrast_ratio("#gg0000", "#ffffff"), 0);
}

TEST(Brand, TheDemoCitysConfigurationLoadsWithItsRegionAndLogo) {
  auto c = load_config(source_dir() + "/data/demo/kaifang.toml");
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->brand.name, "潍坊市公共数据开放平台");
  EXPECT_EQ(c->brand.contact.bureau, "潍坊市大数据局");
  EXPECT_EQ(c->brand.colors.header, "#0d3b66");
  auto b = load_brand(c->brand, source_dir() + "/data", regions());
  ASSERT_TRUE(b) << b.error().message;
  EXPECT_EQ(b->region_name, "潍坊市");
  EXPECT_EQ(b->logo_type, "image/svg+xml");
  EXPECT_NE(b->logo.find("<svg"), std::string::npos);
  EXPECT_EQ(b->logo_etag.size(), 18u);
  EXPECT_EQ(b->logo_etag.front(), '"');
}

TEST(Brand, WithoutASectionTheNeutralPlatform) {
  auto c = parse_config("");
  ASSERT_TRUE(c);
  auto b = load_brand(c->brand, source_dir() + "/data", regions());
  ASSERT_TRUE(b) << b.error().message;
  EXPECT_EQ(b->config.name, "公共数据开放平台");
  EXPECT_TRUE(b->logo.empty());
  EXPECT_TRUE(b->region_name.empty());
  EXPECT_TRUE(b->config.icp.empty());
}

TEST(Brand, SettingsThatWouldHurtThePortalAreRefusedByKey) {
  auto msg = [](const std::string& toml) {
    auto c = parse_config(toml);
    return c ? std::string("accepted") : c.error().message;
  };
  EXPECT_NE(msg("[brand.colors]\nprimary = \"#66aaff\"\n").find("brand.colors.primary 与白色文字的对比度为 2."),
            std::string::npos)
      << msg("[brand.colors]\nprimary = \"#66aaff\"\n");
  EXPECT_NE(msg("[brand.colors]\nheader = \"navy\"\n").find("brand.colors.header 应为 #rrggbb"), std::string::npos);
  EXPECT_EQ(msg("[brand.colors]\ncolour = \"#000000\"\n"), "未知的配置项 brand.colors.colour");
  EXPECT_EQ(msg("[brand]\nlogo_file = \"x.svg\"\n"), "未知的配置项 brand.logo_file");
  EXPECT_EQ(msg("[brand]\ncontact = \"x\"\n"), "配置项 brand.contact 应为一个表");
  EXPECT_NE(msg("[brand]\nname = \"\"\n").find("brand.name 不能为空"), std::string::npos);
  EXPECT_NE(msg("[brand]\nshort_name = \"一个很长很长很长很长的简称名字\"\n").find("brand.short_name 过长"), std::string::npos);
  EXPECT_NE(msg("[brand]\nname = \"<b>平台</b>\"\n").find("brand.name 不能含尖括号"), std::string::npos);
  EXPECT_NE(msg("[brand]\nregion = \"3707\"\n").find("brand.region 应为 6 位"), std::string::npos);
  EXPECT_NE(msg("[brand]\nurl = \"javascript:alert(1)\"\n").find("brand.url"), std::string::npos);
  EXPECT_NE(msg("[brand]\naccessibility_url = \"//evil.example/a\"\n").find("brand.accessibility_url"),
            std::string::npos);
  EXPECT_EQ(msg("[brand]\naccessibility_url = \"/help/accessibility\"\n"), "accepted");
  EXPECT_NE(msg("[brand.contact]\nemail = \"not-an-address\"\n").find("brand.contact.email"), std::string::npos);
  EXPECT_EQ(msg("[brand.contact]\nemail = \"opendata@city.example\"\nphone = \"0536-1234567\"\n"), "accepted");
}

TEST(Brand, TheRegionAndTheLogoAreCheckedWhenLoaded) {
  auto dir = std::filesystem::temp_directory_path() / ("kf-brand-" + random_token(6));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "fake.svg") << "not a picture";
  std::ofstream(dir / "logo.png") << "<svg/>";
  std::ofstream(dir / "big.svg") << "<svg>" << std::string(kMaxLogoBytes, ' ') << "</svg>";
  std::ofstream(dir / "ok.svg") << "<svg xmlns=\"http://www.w3.org/2000/svg\"/>";
  auto table = regions();
  auto err = [&](BrandConfig b) {
    auto r = load_brand(b, dir.string(), table);
    return r ? std::string("loaded") : r.error().message;
  };
  BrandConfig b;
  b.region = "379999";
  EXPECT_EQ(err(b), "brand.region：行政区划代码不存在：379999");
  b.region = "370700";
  b.logo = "missing.svg";
  EXPECT_NE(err(b).find("brand.logo：无法读取"), std::string::npos);
  b.logo = "fake.svg";
  EXPECT_NE(err(b).find("不是 SVG 图片"), std::string::npos);
  b.logo = "logo.png";
  EXPECT_NE(err(b).find("不是 PNG 图片"), std::string::npos);
  b.logo = "big.svg";
  EXPECT_NE(err(b).find("超过 256 KiB"), std::string::npos);
  b.logo = (dir / "ok.svg").string();  // absolute paths are taken as given
  EXPECT_EQ(err(b), "loaded");
  b.logo = "ok.gif";
  EXPECT_EQ(err(b), "brand.logo 应为 .svg 或 .png 文件");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace kf::core
