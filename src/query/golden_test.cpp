// Runs every case of tests/query/cases/ on SQLite and on PostgreSQL (see tests/query/README.md
// for the case format). Rows are compared in order (numbers numerically) unless the case says
// `unordered`.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "query/query.h"
#include "query/test_dataset.h"

namespace kf::query {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using testing::TestDatabase;

struct Case {
  std::string name;
  QueryParams params;
  bool unordered = false;
  bool has_rows = false;
  std::optional<std::int64_t> total;  // expected result of count_sql
  std::optional<std::string> error_text, error_field;
  std::vector<json::object> rows;
};

// `@{N*TEXT}` repeats TEXT N times, so that huge queries need not be stored.
std::string expand(const std::string& s) {
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t at = s.find("@{", i);
    const std::size_t close = at == std::string::npos ? at : s.find('}', at);
    const std::size_t star = at == std::string::npos ? at : s.find('*', at);
    if (at == std::string::npos || close == std::string::npos || star > close) {
      out += s.substr(i);
      break;
    }
    out += s.substr(i, at - i);
    const int n = std::stoi(s.substr(at + 2, star - at - 2));
    const std::string unit = s.substr(star + 1, close - star - 1);
    for (int k = 0; k < n; ++k) out += unit;
    i = close + 1;
  }
  return out;
}

Case load(const fs::path& file) {
  Case c;
  c.name = file.stem().string();
  std::ifstream in(file);
  std::string line;
  bool in_rows = false;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    if (in_rows) {
      c.rows.push_back(json::parse(line).as_object());
      continue;
    }
    if (line == "rows:") {
      in_rows = true;
      c.has_rows = true;
    } else if (line.rfind("total:", 0) == 0) {
      c.total = std::stoll(line.substr(6));
    } else if (line == "unordered") {
      c.unordered = true;
    } else if (line.rfind("error:", 0) == 0) {
      const std::size_t at = line.rfind(" @ ");
      c.error_text = line.substr(7, at == std::string::npos ? std::string::npos : at - 7);
      if (at != std::string::npos) c.error_field = line.substr(at + 3);
    } else {
      const std::size_t eq = line.find('=');
      const std::string key = line.substr(0, eq), value = expand(line.substr(eq + 1));
      QueryParams& p = c.params;
      if (key[0] == '?')
        p.equals.emplace_back(key.substr(1), value);
      else if (key == "$select")
        p.select = value;
      else if (key == "$where")
        p.where = value;
      else if (key == "$order")
        p.order = value;
      else if (key == "$group")
        p.group = value;
      else if (key == "$having")
        p.having = value;
      else if (key == "$q")
        p.q = value;
      else if (key == "$limit")
        p.limit = value;
      else if (key == "$offset")
        p.offset = value;
      else
        ADD_FAILURE() << file << ": unknown line " << line;
    }
  }
  return c;
}

std::vector<Case> all_cases() {
  std::vector<Case> out;
  for (const auto& e : fs::directory_iterator(KF_QUERY_CASES)) {
    if (e.path().extension() == ".case") out.push_back(load(e.path()));
  }
  std::sort(out.begin(), out.end(), [](const Case& a, const Case& b) { return a.name < b.name; });
  return out;
}

json::object to_json(const db::Row& r, const std::vector<OutputColumn>& cols) {
  json::object o;
  for (std::size_t k = 0; k < cols.size(); ++k) {
    const db::Value& v = r.at(k);
    json::value& out = o[cols[k].name];
    if (std::holds_alternative<std::monostate>(v)) continue;  // stays null
    if (cols[k].type == core::FieldType::boolean)
      out = r.int64(k) != 0;
    else if (const auto* i = std::get_if<std::int64_t>(&v))
      out = *i;
    else if (const auto* d = std::get_if<double>(&v))
      out = *d;
    else
      out = std::get<std::string>(v);
  }
  return o;
}

bool same(const json::value& a, const json::value& b) {
  if (a.is_number() && b.is_number()) {
    const double x = a.to_number<double>(), y = b.to_number<double>();
    return std::fabs(x - y) <= 1e-9 * std::max(1.0, std::fabs(x));
  }
  return a == b;
}

bool same_row(const json::object& a, const json::object& b) {
  if (a.size() != b.size()) return false;
  auto ia = a.begin();
  for (auto ib = b.begin(); ib != b.end(); ++ia, ++ib) {
    if (ia->key() != ib->key() || !same(ia->value(), ib->value())) return false;
  }
  return true;
}

// Numbers as doubles so that 2 and 2.0 sort alike.
std::string normalized(const json::object& o) {
  json::object n;
  for (const auto& kv : o)
    n[kv.key()] = kv.value().is_number() ? json::value(kv.value().to_number<double>()) : kv.value();
  return json::serialize(n);
}

void run_case(TestDatabase& tdb, db::Dialect dialect, const Case& c) {
  SCOPED_TRACE(c.name);
  auto compiled = compile(c.params, testing::dataset_fields(), dialect, tdb.table());
  if (c.error_text) {
    ASSERT_FALSE(compiled.ok()) << c.name << ": expected an error, SQL: " << compiled->sql;
    EXPECT_EQ(compiled.error().slug, "invalid_query");
    EXPECT_NE(compiled.error().message.find(*c.error_text), std::string::npos)
        << c.name << ": message was " << compiled.error().message;
    if (c.error_field) {
      EXPECT_EQ(compiled.error().field, *c.error_field) << c.name;
    }
    return;
  }
  ASSERT_TRUE(compiled.ok()) << c.name << ": " << compiled.error().message << " @ "
                             << compiled.error().field;
  auto rs = execute(tdb.conn(), *compiled, std::chrono::seconds(10));
  ASSERT_TRUE(rs.ok()) << c.name << ": " << rs.error().detail << "\nSQL: " << compiled->sql;
  auto count = tdb.conn().query(compiled->count_sql, compiled->count_params);
  ASSERT_TRUE(count.ok()) << c.name << ": " << count.error().detail
                          << "\nSQL: " << compiled->count_sql;
  ASSERT_GE(count->rows.at(0).int64(0), static_cast<std::int64_t>(rs->rows.size())) << c.name;
  if (c.total) {
    EXPECT_EQ(count->rows.at(0).int64(0), *c.total) << c.name;
  }

  std::vector<json::object> got;
  for (const auto& r : rs->rows) got.push_back(to_json(r, compiled->columns));
  std::string shown;
  for (const auto& g : got) shown += json::serialize(g) + "\n";
  if (!c.has_rows) {  // a new case: print what it gives, to be checked and pasted in
    ADD_FAILURE() << c.name << " has no rows: section; it gives\n" << shown;
    return;
  }
  ASSERT_EQ(got.size(), c.rows.size()) << c.name << ": got\n" << shown;
  if (c.unordered) {
    std::vector<std::string> a, b;
    for (const auto& g : got) a.push_back(normalized(g));
    for (const auto& e : c.rows) b.push_back(normalized(e));
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    EXPECT_EQ(a, b) << c.name << ": got\n" << shown;
    return;
  }
  for (std::size_t k = 0; k < got.size(); ++k) {
    EXPECT_TRUE(same_row(got[k], c.rows[k]))
        << c.name << " row " << k << ": got " << json::serialize(got[k]) << ", expected "
        << json::serialize(c.rows[k]);
  }
}

class GoldenTest : public ::testing::TestWithParam<db::Dialect> {};

TEST_P(GoldenTest, AllCases) {
  std::string why;
  auto tdb = TestDatabase::open(GetParam(), &why);
  if (!tdb) {
    if (GetParam() == db::Dialect::postgres && why.find("KF_TEST_PG_URL") != std::string::npos)
      GTEST_SKIP() << why;
    FAIL() << why;
  }
  const std::string before = tdb->checksum();
  const auto cases = all_cases();
  ASSERT_GE(cases.size(), 40u);
  for (const auto& c : cases) run_case(*tdb, GetParam(), c);
  // No case, injection attempts included, may change the data.
  EXPECT_EQ(tdb->checksum(), before);
  EXPECT_EQ(before.substr(0, 3), "20:");
}

INSTANTIATE_TEST_SUITE_P(Dialects, GoldenTest,
                         ::testing::Values(db::Dialect::sqlite, db::Dialect::postgres),
                         [](const ::testing::TestParamInfo<db::Dialect>& p) {
                           return p.param == db::Dialect::sqlite ? "sqlite" : "postgres";
                         });

}  // namespace
}  // namespace kf::query
