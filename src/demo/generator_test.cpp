// Generated rows obey their own dictionary; generation is deterministic; the generator language
// refuses what it does not understand.
#include <gtest/gtest.h>
#include <re2/re2.h>

#include <array>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>

#include <unistd.h>

#include "core/id_number.h"
#include "demo/codes.h"
#include "demo/rng.h"
#include "demo/test_support.h"

namespace kf::demo::testing {
namespace {

// --- independent checks, written for the test (not the generator's own code) -----------------

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::size_t utf8_chars(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool valid_uscc(std::string_view s) {
  static constexpr std::string_view kChars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  if (s.size() != 18) return false;
  int sum = 0, w = 1;
  for (std::size_t i = 0; i < 17; ++i) {
    const auto v = kChars.find(s[i]);
    if (v == std::string_view::npos) return false;
    sum += static_cast<int>(v) * w;
    w = w * 3 % 31;
  }
  return s[17] == kChars[static_cast<std::size_t>((31 - sum % 31) % 31)];
}

bool valid_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  if (!all_digits(s.substr(0, 4)) || !all_digits(s.substr(5, 2)) || !all_digits(s.substr(8, 2))) return false;
  const int y = std::stoi(std::string(s.substr(0, 4))), m = std::stoi(std::string(s.substr(5, 2))),
            d = std::stoi(std::string(s.substr(8, 2)));
  static constexpr std::array<int, 12> kDays = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1 || d > kDays[static_cast<std::size_t>(m - 1)]) return false;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return !(m == 2 && d == 29 && !leap);
}

bool valid_datetime(std::string_view s) {
  if (s.size() != 19 || s[10] != ' ' || s[13] != ':' || s[16] != ':') return false;
  if (!valid_date(s.substr(0, 10))) return false;
  for (std::size_t p : {11u, 14u, 17u}) {
    if (!all_digits(s.substr(p, 2))) return false;
  }
  return std::stoi(std::string(s.substr(11, 2))) < 24 && std::stoi(std::string(s.substr(14, 2))) < 60 &&
         std::stoi(std::string(s.substr(17, 2))) < 60;
}

bool valid_integer(std::string_view s) { return all_digits(s.starts_with('-') ? s.substr(1) : s); }

bool valid_decimal(std::string_view s) {
  if (s.starts_with('-')) s.remove_prefix(1);
  const auto dot = s.find('.');
  if (dot == std::string_view::npos) return all_digits(s);
  return all_digits(s.substr(0, dot)) && all_digits(s.substr(dot + 1));
}

std::size_t digits_of(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }));
}

// Empty when the value obeys the field, else the reason.
std::string violation(const core::Field& f, const std::string& v, const RE2* pattern) {
  using core::FieldType;
  if (v.empty()) return f.nullable ? "" : "empty but not nullable";
  switch (f.type) {
    case FieldType::integer:
      if (!valid_integer(v)) return "not an integer";
      if (f.length && digits_of(v) > static_cast<std::size_t>(*f.length)) return "too many digits";
      if (f.min && std::stoll(v) < std::stoll(*f.min)) return "below min";
      if (f.max && std::stoll(v) > std::stoll(*f.max)) return "above max";
      break;
    case FieldType::decimal:
      if (!valid_decimal(v)) return "not a decimal";
      if (f.length && digits_of(v) > static_cast<std::size_t>(*f.length)) return "too many digits";
      if (f.min && std::stod(v) < std::stod(*f.min)) return "below min";
      if (f.max && std::stod(v) > std::stod(*f.max)) return "above max";
      break;
    case FieldType::boolean:
      if (v != "true" && v != "false") return "not a boolean";
      break;
    case FieldType::date:
    case FieldType::datetime:
      if (f.type == FieldType::date ? !valid_date(v) : !valid_datetime(v)) return "not a date/datetime";
      if (f.min && v < *f.min) return "before min";
      if (f.max && v > *f.max) return "after max";
      break;
    case FieldType::text:
      if (f.length && utf8_chars(v) > static_cast<std::size_t>(*f.length)) return "too long";
      break;
  }
  if (!f.allowed_values.empty() &&
      std::find(f.allowed_values.begin(), f.allowed_values.end(), v) == f.allowed_values.end()) {
    return "not an allowed value";
  }
  if (pattern != nullptr && !RE2::FullMatch(v, *pattern)) return "does not match the pattern";
  if (f.check == core::FieldCheck::id_number && !core::check_id_number(v).ok()) return "bad id number";
  if (f.check == core::FieldCheck::uscc && !valid_uscc(v)) return "bad uscc";
  return "";
}

TEST(DemoGenerator, First2000RowsOfEveryEntryObeyTheDictionary) {
  ASSERT_FALSE(entries().empty());
  for (const auto& e : entries()) {
    auto gen = RowGenerator::create(e);
    ASSERT_TRUE(gen.ok()) << e.code << ": " << gen.error().message;
    ASSERT_EQ(gen->header().size(), e.fields.size());
    std::vector<std::unique_ptr<RE2>> patterns;
    for (const auto& f : e.fields) {
      patterns.push_back(f.pattern.empty() ? nullptr : std::make_unique<RE2>(f.pattern));
      if (patterns.back()) {
        ASSERT_TRUE(patterns.back()->ok()) << e.code << " " << f.name;
      }
    }
    std::set<std::string> keys;
    std::vector<int> nulls(e.fields.size(), 0);
    std::vector<std::string> row;
    int n = 0, bad = 0;
    for (; n < 2000 && gen->next(row); ++n) {
      std::string key;
      for (std::size_t i = 0; i < row.size(); ++i) {
        const std::string why = violation(e.fields[i], row[i], patterns[i].get());
        if (!why.empty() && ++bad <= 5) {
          ADD_FAILURE() << e.code << " row " << n + 1 << " " << e.fields[i].name << " = \"" << row[i] << "\": " << why;
        }
        if (row[i].empty()) ++nulls[i];
        if (e.fields[i].key) key += row[i] + '\x1f';
      }
      if (!keys.insert(key).second && ++bad <= 5) ADD_FAILURE() << e.code << " duplicate key in row " << n + 1;
    }
    EXPECT_EQ(static_cast<std::uint64_t>(n), std::min<std::uint64_t>(2000, e.generator.rows)) << e.code;
    for (std::size_t i = 0; i < nulls.size(); ++i) {
      EXPECT_LT(nulls[i], n) << e.code << " " << e.fields[i].name << " is always empty";
    }
  }
}

std::string csv_of(const DemoEntry& e, std::uint64_t rows) {
  const auto path = std::filesystem::temp_directory_path() / ("kf_demo_" + std::to_string(::getpid()) + ".csv");
  auto r = write_csv(e, path.string(), rows);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().detail);
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::filesystem::remove(path);
  return ss.str();
}

TEST(DemoGenerator, SameSeedSameBytes) {
  for (const auto& e : entries()) {
    EXPECT_EQ(csv_of(e, 300), csv_of(e, 300)) << e.code;
  }
}

TEST(DemoGenerator, AnotherSeedOtherData) {
  ASSERT_FALSE(entries().empty());
  DemoEntry e = entries().front();
  const std::string a = csv_of(e, 50);
  e.generator.seed += 1;
  EXPECT_NE(a, csv_of(e, 50));
}

// Pins the arithmetic the demo data rests on, so a port to another platform that changed it
// would fail here instead of silently producing other data.
TEST(DemoGenerator, KnownValues) {
  std::uint64_t s = 0;
  EXPECT_EQ(splitmix64(s), 0xE220A8397B1DCDAFULL);
  Rng rng(42);
  const std::uint64_t first = rng.next();
  EXPECT_EQ(Rng(42).next(), first);
  EXPECT_EQ(uscc_check_char("91350100M000100Y4"), '3');  // GB 32100 example 91350100M000100Y43
  EXPECT_TRUE(valid_uscc(register_uscc(0)));
  EXPECT_TRUE(valid_uscc(other_uscc("52", 7)));
  EXPECT_EQ(register_uscc(12345), register_uscc(12345));
  std::set<std::string> codes;
  for (std::uint64_t j = 0; j < 20000; ++j) codes.insert(register_uscc(j));
  EXPECT_EQ(codes.size(), 20000u);
}

TEST(DemoGenerator, CsvQuotingFollowsRfc4180) {
  std::string out;
  append_csv_record({"a", "b,c", "say \"hi\"", "two\nlines", ""}, out);
  EXPECT_EQ(out, "a,\"b,c\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n");
}

TEST(DemoGenerator, RowsStopAtTheDeclaredCount) {
  ASSERT_FALSE(entries().empty());
  DemoEntry e = entries().front();
  e.generator.rows = 3;
  auto gen = RowGenerator::create(e);
  ASSERT_TRUE(gen.ok());
  std::vector<std::string> row;
  int n = 0;
  while (gen->next(row)) ++n;
  EXPECT_EQ(n, 3);
  EXPECT_EQ(gen->produced(), 3u);
  EXPECT_FALSE(gen->next(row));
}

// A one-field-after-another entry for trying specs.
DemoEntry tiny(std::vector<std::pair<std::string, std::string>> specs, std::uint64_t rows = 20) {
  DemoEntry e;
  e.code = "370700-XX-0000";
  e.generator.rows = rows;
  e.generator.seed = 7;
  for (auto& [name, spec] : specs) {
    core::Field f;
    f.name = name;
    f.nullable = true;
    e.fields.push_back(f);
    e.generator.fields.push_back({name, spec});
  }
  return e;
}

std::vector<std::vector<std::string>> rows_of(const DemoEntry& e) {
  auto gen = RowGenerator::create(e);
  EXPECT_TRUE(gen.ok()) << (gen.ok() ? "" : gen.error().message);
  std::vector<std::vector<std::string>> out;
  if (!gen) return out;
  std::vector<std::string> row;
  while (gen->next(row)) out.push_back(row);
  return out;
}

TEST(DemoGenerator, LanguageExamples) {
  auto rows = rows_of(tiny({{"a", "seq:K{:03d}"},
                            {"b", "cycle:x|y;per=2"},
                            {"c", "tpl:{=a}-{=b}"},
                            {"d", "map:b:x=甲|*=乙"},
                            {"e", "int:5..5"},
                            {"f", "band:e:..4=小|5..=大"},
                            {"g", "date:2026-01-31;months=1"},
                            {"h", "dec:1.5..1.5"},
                            {"i", "const:固定"},
                            {"j", "id_number;birth=1990-01-01..1990-12-31;gender=female"},
                            {"k", "gender_of:j"},
                            {"l", "birth_of:j"}},
                           4));
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0][0], "K001");
  EXPECT_EQ(rows[3][0], "K004");
  EXPECT_EQ(rows[0][1] + rows[1][1] + rows[2][1] + rows[3][1], "xxyy");
  EXPECT_EQ(rows[2][2], "K003-y");
  EXPECT_EQ(rows[0][3], "甲");
  EXPECT_EQ(rows[2][3], "乙");
  EXPECT_EQ(rows[0][5], "大");
  EXPECT_EQ(rows[0][6], "2026-01-31");
  EXPECT_EQ(rows[1][6], "2026-02-28");
  EXPECT_EQ(rows[3][6], "2026-04-30");
  EXPECT_EQ(rows[0][7], "1.5");
  EXPECT_EQ(rows[0][8], "固定");
  for (const auto& r : rows) {
    EXPECT_TRUE(core::check_id_number(r[9]).ok()) << r[9];
    EXPECT_EQ(r[10], "女");
    EXPECT_EQ(r[11].substr(0, 4), "1990");
  }
}

TEST(DemoGenerator, DerivedValuesAndTheRegister) {
  auto rows = rows_of(tiny({{"sex", "cycle:女|男"},
                            {"who", "name:sex"},
                            {"born", "const:2026-01-30"},
                            {"issued", "after:born:1..1"},
                            {"code", "uscc;type=91;industry=E"},
                            {"firm", "company:code"},
                            {"section", "industry_of:code"},
                            {"kind", "map:firm:有限责任公司=LLC|股份有限公司=JSC|*=LTD;contains"},
                            {"shop", "uscc;repeat;type=92;like=便利店"},
                            {"shop_name", "company:shop"},
                            {"social", "uscc;prefix=52"},
                            {"lat", "lat:code"}},
                           30));
  ASSERT_EQ(rows.size(), 30u);
  std::set<std::string> codes;
  for (const auto& r : rows) {
    EXPECT_EQ(r[3], "2026-01-31");
    EXPECT_TRUE(valid_uscc(r[4]) && r[4].starts_with("91")) << r[4];
    EXPECT_EQ(r[6], "E") << r[5];
    EXPECT_TRUE(r[5].ends_with("公司")) << r[5];
    EXPECT_TRUE(r[7] == "LLC" || r[7] == "JSC" || r[7] == "LTD");
    EXPECT_NE(r[9].find("便利店"), std::string::npos) << r[9];
    EXPECT_TRUE(r[10].starts_with("52") && valid_uscc(r[10])) << r[10];
    codes.insert(r[4]);
  }
  EXPECT_EQ(codes.size(), rows.size());
  // The same code gives the same name in another entry.
  auto again = rows_of(tiny({{"c", "const:" + rows[0][4]}, {"n", "company:c"}, {"a", "address:c"}}, 1));
  EXPECT_EQ(again[0][1], rows[0][5]);
  auto again2 = rows_of(tiny({{"c", "const:" + rows[0][4]}, {"n", "company:c"}, {"a", "address:c"}}, 1));
  EXPECT_EQ(again[0][2], again2[0][2]);
}

TEST(DemoGenerator, NullRate) {
  auto rows = rows_of(tiny({{"a", "const:x;null=1"}, {"b", "const:y;null=0"}}, 50));
  for (const auto& r : rows) {
    EXPECT_EQ(r[0], "");
    EXPECT_EQ(r[1], "y");
  }
}

TEST(DemoGenerator, BadSpecsAreRefused) {
  for (const char* spec : {"nosuch", "int:9..1", "int:1..9;bogus=1", "tpl:{=later}", "seq:no-placeholder",
                           "choice:", "date:2026-02-30..2026-03-01", "ref:{}", "uscc;type=95",
                           "uscc;prefix=9", "uscc;prefix=52;repeat", "monthly:x:1|2", "map:nosuch:a=b", "datetime:2026-01-01 00:00:00..2026-01-02 00:00:00;hours=5..30"}) {
    auto e = tiny({{"x", "const:2026-01-01"}, {"y", spec}, {"later", "const:z"}});
    auto gen = RowGenerator::create(e);
    EXPECT_FALSE(gen.ok()) << spec;
  }
  auto e = tiny({{"x", "const:a;null=0.5"}});
  e.fields[0].nullable = false;
  EXPECT_FALSE(RowGenerator::create(e).ok());
}

TEST(DemoGenerator, ReadmeDocumentsEveryKind) {
  std::ifstream in(source_root() / "src" / "demo" / "README.md");
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string readme = ss.str();
  for (const char* kind : {"seq", "cycle", "choice", "const", "ref", "int", "dec", "bool", "map", "band", "monthly",
                           "tpl", "date", "datetime", "time", "name", "id_number", "gender_of", "birth_of",
                           "mobile", "phone", "plate", "uscc", "company", "district", "district_code", "address",
                           "lat", "lon", "after", "industry_of"}) {
    EXPECT_NE(readme.find("`" + std::string(kind)), std::string::npos) << kind;
  }
}

}  // namespace
}  // namespace kf::demo::testing
