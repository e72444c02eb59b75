// The demo catalog as a whole: size, spread over domains, search words, personal data rules,
// regions, the one-data-one-source pair, and the organisations behind the entries.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/regions.h"
#include "demo/city.h"
#include "demo/test_support.h"

namespace kf::demo::testing {

const std::vector<DemoEntry>& entries() {
  static const std::vector<DemoEntry> loaded = [] {
    auto r = load_entries(entries_dir());
    if (!r) {
      ADD_FAILURE() << r.error().message;
      return std::vector<DemoEntry>{};
    }
    return std::move(r).value();
  }();
  return loaded;
}

namespace {

bool mentions(const DemoEntry& e, const std::string& word) {
  auto has = [&](const std::string& s) { return s.find(word) != std::string::npos; };
  if (has(e.name) || has(e.entry_table()["summary"].value_or(std::string()))) return true;
  if (std::any_of(e.keywords.begin(), e.keywords.end(), has)) return true;
  return std::any_of(e.fields.begin(), e.fields.end(), [&](const core::Field& f) { return has(f.label); });
}

const DemoEntry* by_code(const std::string& code) {
  for (const auto& e : entries()) {
    if (e.code == code) return &e;
  }
  return nullptr;
}

TEST(DemoEntries, AtLeast45EntriesOverTenDomains) {
  const auto& all = entries();
  EXPECT_GE(all.size(), 45u);
  std::set<std::string> domains;
  for (const auto& e : all) domains.insert(e.domain);
  EXPECT_GE(domains.size(), 10u);
  for (const char* d : {"交通", "教育", "医疗卫生", "市场监管", "生态环境", "气象", "文化旅游", "社会保障",
                        "城市建设", "农业农村", "公共安全", "民政", "水利", "能源"}) {
    EXPECT_TRUE(domains.count(d)) << d;
  }
}

TEST(DemoEntries, RowCounts) {
  int big = 0, large = 0;
  for (const auto& e : entries()) {
    const auto rows = e.generator.rows;
    if (rows >= 1'000'000) {
      ++big;
    } else if (rows >= 100'000) {
      ++large;
    } else {
      EXPECT_GE(rows, 200u) << e.code;
      EXPECT_LE(rows, 20'000u) << e.code;
    }
  }
  EXPECT_GE(big, 1);
  EXPECT_GE(large, 3);
}

TEST(DemoEntries, MarketRegisterIsTheMillionRowEntryKeyedByUscc) {
  const DemoEntry* e = by_code("370700-SJ-0001");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->name, "市场主体登记信息");
  EXPECT_GE(e->generator.rows, 1'000'000u);
  EXPECT_EQ(e->database_group, "basic:legal_entity");
  ASSERT_FALSE(e->fields.empty());
  EXPECT_EQ(e->fields[0].name, "uscc");
  EXPECT_TRUE(e->fields[0].key);
  EXPECT_EQ(e->fields[0].check, core::FieldCheck::uscc);
}

TEST(DemoEntries, SearchWordsFindTheRightEntries) {
  std::map<std::string, std::set<std::string>> hits;  // word -> domains of the entries found
  std::map<std::string, int> counts;
  for (const auto& e : entries()) {
    for (const char* w : {"企业", "交通", "医院"}) {
      if (mentions(e, w)) {
        hits[w].insert(e.domain);
        ++counts[w];
      }
    }
  }
  EXPECT_GE(counts["企业"], 5);
  EXPECT_TRUE(hits["企业"].count("市场监管"));
  EXPECT_TRUE(hits["企业"].count("财税"));
  EXPECT_GE(counts["交通"], 4);
  EXPECT_TRUE(hits["交通"].count("交通"));
  EXPECT_GE(counts["医院"], 3);
  EXPECT_TRUE(hits["医院"].count("医疗卫生"));
}

TEST(DemoEntries, PersonalDataIsMarkedGradedAndNotOpenedFreely) {
  int personal = 0, not_open = 0, conditional = 0;
  for (const auto& e : entries()) {
    bool has_personal_field = false;
    for (const auto& f : e.fields) {
      const bool id = f.check == core::FieldCheck::id_number;
      const bool person = f.label.find("姓名") != std::string::npos || f.label.find("手机") != std::string::npos;
      if (id || person) {
        has_personal_field = true;
        EXPECT_TRUE(f.security_grade == "L3" || f.security_grade == "L4") << e.code << " " << f.name;
      }
      if (id) {
        EXPECT_EQ(f.security_grade, "L4") << e.code << " " << f.name;
      }
    }
    EXPECT_EQ(has_personal_field, e.contains_personal_data) << e.code;
    if (e.contains_personal_data) {
      ++personal;
      EXPECT_NE(e.open_attribute, "unconditional") << e.code;
    }
    if (e.open_attribute == "not_open") ++not_open;
    if (e.open_attribute == "conditional") ++conditional;
  }
  EXPECT_GE(personal, 5);
  EXPECT_GE(not_open, 3);
  EXPECT_GE(conditional, 4);
}

TEST(DemoEntries, DatabaseGroups) {
  std::set<std::string> groups;
  for (const auto& e : entries()) groups.insert(e.database_group);
  EXPECT_TRUE(groups.count("basic:legal_entity"));
  EXPECT_TRUE(groups.count("basic:population"));
  EXPECT_TRUE(std::any_of(groups.begin(), groups.end(), [](const std::string& g) { return g.starts_with("thematic:"); }));
}

// CAT-4: 纳税信用A级纳税人名单 (税务局) repeats the key of 市场主体登记信息 (市场监管局); no other pair
// of providers shares a key.
TEST(DemoEntries, ExactlyOneDeliberateSharedKeyAcrossProviders) {
  auto key_of = [](const DemoEntry& e) {
    std::set<std::string> k;
    for (const auto& f : e.fields) {
      if (f.key) k.insert(f.name + "|" + f.label);
    }
    return k;
  };
  std::set<std::pair<std::string, std::string>> pairs;
  const auto& all = entries();
  for (std::size_t i = 0; i < all.size(); ++i) {
    for (std::size_t j = i + 1; j < all.size(); ++j) {
      if (all[i].provider != all[j].provider && key_of(all[i]) == key_of(all[j])) {
        pairs.insert({all[i].code, all[j].code});
      }
    }
  }
  const std::set<std::pair<std::string, std::string>> expected = {{"370700-SJ-0001", "370700-SW-0001"}};
  EXPECT_EQ(pairs, expected);
}

TEST(DemoEntries, RegionsAreRealDivisionsOfTheCity) {
  auto table = core::RegionTable::load(regions_path());
  ASSERT_TRUE(table.ok()) << table.error().detail;
  for (const auto& e : entries()) {
    const core::Region* r = table->find(e.region);
    ASSERT_NE(r, nullptr) << e.code;
    EXPECT_TRUE(r->code == kCityCode || r->parent_code == kCityCode) << e.code;
  }
  std::set<std::string> children;
  for (const auto& r : table->all()) {
    if (r.parent_code == kCityCode) children.insert(r.code);
  }
  std::set<std::string> profile;
  for (const auto& d : districts()) {
    profile.insert(std::string(d.code));
    const core::Region* r = table->find(d.code);
    ASSERT_NE(r, nullptr) << d.code;
    EXPECT_EQ(r->name, d.name);
  }
  EXPECT_EQ(children, profile);
}

TEST(DemoEntries, EveryEntryHasAFullDictionary) {
  for (const auto& e : entries()) {
    EXPECT_GE(e.fields.size(), 5u) << e.code;
    EXPECT_LE(e.fields.size(), 15u) << e.code;
    EXPECT_TRUE(std::any_of(e.fields.begin(), e.fields.end(), [](const core::Field& f) { return f.key; })) << e.code;
    for (const auto& f : e.fields) {
      EXPECT_FALSE(f.label.empty()) << e.code << " " << f.name;
      EXPECT_FALSE(f.description.empty()) << e.code << " " << f.name;
      if (f.type == core::FieldType::text) {
        EXPECT_TRUE(f.length.has_value()) << e.code << " " << f.name;
      }
    }
    EXPECT_TRUE(e.code.starts_with(e.region + "-")) << e.code;
    EXPECT_FALSE(e.entry_table().contains("generator")) << e.code;
  }
}

TEST(DemoOrgs, CityDistrictsOrgsAndUsers) {
  auto loaded = load_orgs(orgs_path());
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  const DemoOrgs& o = *loaded;
  EXPECT_EQ(o.city_code, "370700");
  EXPECT_EQ(o.city_name, "潍坊市");
  ASSERT_EQ(o.districts.size(), districts().size());
  for (std::size_t i = 0; i < o.districts.size(); ++i) {
    EXPECT_EQ(o.districts[i].code, districts()[i].code);
    EXPECT_EQ(o.districts[i].name, districts()[i].name);
    EXPECT_EQ(o.districts[i].kind, districts()[i].kind);
  }
  std::map<std::string, const DemoOrg*> by_name;
  for (const auto& org : o.orgs) by_name[org.name] = &org;
  // The organisations src/app/demo_seed.cpp already creates keep their names and places.
  for (const char* n : {"山东省大数据局", "潍坊市大数据局", "潍坊市交通运输局", "潍坊市市场监督管理局",
                        "潍坊市卫生健康委员会", "潍坊市自然资源和规划局", "潍坊市公共交通集团有限公司",
                        "奎文区大数据中心", "潍坊数智科技有限公司"}) {
    EXPECT_TRUE(by_name.count(n)) << n;
  }
  int city_departments = 0;
  for (const auto& org : o.orgs) {
    if (org.level == "city" && (org.kind == "provider" || org.kind == "institution")) ++city_departments;
  }
  EXPECT_GE(city_departments, 20);
  for (const auto& e : entries()) {
    ASSERT_TRUE(by_name.count(e.provider)) << e.code << " " << e.provider;
    const DemoOrg& p = *by_name[e.provider];
    EXPECT_TRUE(p.kind == "provider" || p.kind == "institution") << e.provider;
    EXPECT_EQ(p.region, e.region) << e.code;
  }
  std::set<std::string> users;
  for (const auto& u : o.users) {
    users.insert(u.username);
    EXPECT_EQ(u.password, "Demo-2026!kf");
    EXPECT_FALSE(u.who.empty());
  }
  for (const char* u : {"bureau", "transport", "market", "citizen"}) EXPECT_TRUE(users.count(u)) << u;
}

}  // namespace
}  // namespace kf::demo::testing
