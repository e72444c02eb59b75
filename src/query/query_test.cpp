// Unit tests of the lexer, parser and compiler that do not need a database, plus the
// injection and timeout checks that do.
#include "query/query.h"

#include <gtest/gtest.h>

#include <chrono>
#include <random>

#include "query/lexer.h"
#include "query/parser.h"
#include "query/test_dataset.h"

namespace kf::query {
namespace {

using testing::dataset_fields;
using TestDbPtr = std::unique_ptr<testing::TestDatabase>;

Result<CompiledQuery> compile_where(const std::string& where, db::Dialect d = db::Dialect::sqlite) {
  QueryParams p;
  p.where = where;
  return compile(p, dataset_fields(), d, "rows");
}

TEST(Lexer, PositionsAreCodePoints) {
  auto t = tokenize("站点名称 = 'x'");
  ASSERT_TRUE(t.ok());
  ASSERT_EQ(t->size(), 4u);
  EXPECT_EQ((*t)[0].pos, 1);
  EXPECT_EQ((*t)[1].pos, 6);
  EXPECT_EQ((*t)[2].pos, 8);
  EXPECT_EQ((*t)[2].text, "x");
}

TEST(Lexer, RefusesInvalidUtf8) {
  auto t = tokenize("a = '\xff'");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().slug, "invalid_query");
}

TEST(Parser, DeepNestingFailsFast) {
  // 100,000 levels would overflow the stack of a parser without a depth check.
  const std::string deep = std::string(100000, '(') + "1" + std::string(100000, ')');
  auto r = parse_condition(deep);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("嵌套过深"), std::string::npos);
}

TEST(Parser, LongFlatChainIsNotTooDeep) {
  std::string where = "编号 = 1";
  for (int i = 2; i <= 100; ++i) where += " OR 编号 = " + std::to_string(i);
  EXPECT_TRUE(compile_where(where).ok());
}

TEST(Parser, LongArithmeticChainIsRefused) {
  std::string where = "编号";
  for (int i = 0; i < 40; ++i) where += " + 1";
  auto r = compile_where(where + " > 0");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("嵌套过深"), std::string::npos);
}

TEST(Compile, TooManySelectItems) {
  QueryParams p;
  for (int i = 0; i < 201; ++i) p.select += std::string(i ? ", " : "") + "编号";
  auto r = compile(p, dataset_fields(), db::Dialect::sqlite, "rows");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("200"), std::string::npos);
}

TEST(Compile, LiteralsAreBoundNeverInSql) {
  for (auto d : {db::Dialect::sqlite, db::Dialect::postgres}) {
    QueryParams p;
    p.select = "站点名称, 票价 * 3";
    p.where = "线路 = 'K1'' OR 1=1' AND 站点名称 LIKE '%x%' AND 编号 IN (424242)";
    p.q = "DROP TABLE";
    p.equals = {{"备注", "evil' --"}};
    auto r = compile(p, dataset_fields(), d, "rows");
    ASSERT_TRUE(r.ok()) << r.error().message;
    for (const char* bad : {"K1", "OR 1=1", "424242", "DROP", "evil", "站点名称", "x%"}) {
      EXPECT_EQ(r->sql.find(bad), std::string::npos) << bad << " in " << r->sql;
      EXPECT_EQ(r->count_sql.find(bad), std::string::npos) << bad << " in " << r->count_sql;
    }
    EXPECT_NE(r->sql.find("\"c2\""), std::string::npos);
    // select literal (3), equality, q (one per text column), where literals, limit, offset.
    EXPECT_EQ(r->params.size(), 1u + 1u + 3u + 3u + 2u);
    EXPECT_EQ(r->count_params.size(), r->params.size() - 3u);
    ASSERT_EQ(r->columns.size(), 2u);
    EXPECT_EQ(r->columns[0].name, "站点名称");
    EXPECT_EQ(r->columns[1].name, "票价 * 3");
    EXPECT_EQ(r->columns[1].type, core::FieldType::decimal);
  }
}

TEST(Compile, ConfigurableLengthLimit) {
  QueryParams p;
  p.where = "编号 = 1 OR 编号 = 2";
  CompileOptions o;
  o.max_param_bytes = 10;
  auto r = compile(p, dataset_fields(), db::Dialect::sqlite, "rows", o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "$where:1");
  EXPECT_EQ(r.error().code, ErrorCode::invalid_argument);
}

TEST(Compile, DefaultAndMaximumLimit) {
  QueryParams p;
  auto r = compile(p, dataset_fields(), db::Dialect::sqlite, "rows");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(std::get<std::int64_t>(r->params.at(r->params.size() - 2)), 1000);
  p.limit = "50000";
  EXPECT_TRUE(compile(p, dataset_fields(), db::Dialect::sqlite, "rows").ok());
}

// A poor man's fuzzer (the libFuzzer target is still to come): random token soup must give a
// result or an invalid_query error, never a crash (ASan/UBSan builds) or another error.
TEST(Compile, RandomInputNeverCrashes) {
  const std::vector<std::string> pieces = {"编号",
                                           "线路",
                                           "`开通 日期`",
                                           "票价",
                                           "有空调",
                                           "备注",
                                           "count(",
                                           "sum(",
                                           "avg(",
                                           "min(",
                                           "date_trunc_ym(",
                                           "starts_with(",
                                           "(",
                                           ")",
                                           ",",
                                           "*",
                                           "/",
                                           "+",
                                           "-",
                                           "=",
                                           "<>",
                                           "<=",
                                           ">",
                                           "AND",
                                           "OR",
                                           "NOT",
                                           "IN",
                                           "BETWEEN",
                                           "LIKE",
                                           "IS",
                                           "NULL",
                                           "AS",
                                           "DESC",
                                           "distinct",
                                           "true",
                                           "'K1'",
                                           "'2020-01-01'",
                                           "'%a_'",
                                           "'",
                                           "`",
                                           "12",
                                           "2.5",
                                           "1e5",
                                           ";",
                                           "--",
                                           "\xe4",
                                           " "};
  // What compiles must also run: a database error would mean the generator wrote bad SQL.
  std::string why;
  auto lite = testing::TestDatabase::open(db::Dialect::sqlite, &why);
  ASSERT_TRUE(lite) << why;
  auto pg = testing::TestDatabase::open(db::Dialect::postgres, &why);
  int compiled = 0;
  std::mt19937 rng(20261122);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const int n = static_cast<int>(rng() % 12) + 1;
    for (int k = 0; k < n; ++k) text += pieces[rng() % pieces.size()] + " ";
    QueryParams p;
    switch (round % 5) {
      case 0:
        p.where = text;
        break;
      case 1:
        p.select = text;
        break;
      case 2:
        p.order = text;
        break;
      case 3:
        p.group = "线路";
        p.select = "线路, count(*) AS n";
        p.having = text;
        break;
      default:
        p.select = text;
        p.group = text;
        break;
    }
    for (auto d : {db::Dialect::sqlite, db::Dialect::postgres}) {
      auto r = compile(p, dataset_fields(), d, "rows");
      if (!r) {
        EXPECT_EQ(r.error().slug, "invalid_query") << text;
        continue;
      }
      TestDbPtr& target = d == db::Dialect::sqlite ? lite : pg;
      if (!target) continue;
      ++compiled;
      auto rs = execute(target->conn(), *r, std::chrono::seconds(5));
      EXPECT_TRUE(rs.ok()) << text << "\n" << r->sql << "\n" << (rs ? "" : rs.error().detail);
      auto count = target->conn().query(r->count_sql, r->count_params);
      EXPECT_TRUE(count.ok()) << text << "\n" << r->count_sql;
    }
  }
  EXPECT_GT(compiled, 50);
}

// Injection attempts against a real database: refused or harmless, and the data unchanged.
class InjectionTest : public ::testing::TestWithParam<db::Dialect> {};

TEST_P(InjectionTest, DatabaseUnchanged) {
  std::string why;
  auto tdb = testing::TestDatabase::open(GetParam(), &why);
  if (!tdb) {
    if (why.find("KF_TEST_PG_URL") != std::string::npos) GTEST_SKIP() << why;
    FAIL() << why;
  }
  const std::string before = tdb->checksum();
  const std::vector<std::string> attempts = {
      "线路 = 'K1'; DROP TABLE rows; --'",
      "线路 = 'K1''; DROP TABLE rows; --'",
      "1=1) ; DELETE FROM rows --",
      "线路 = 'x' UNION SELECT 1",
      "\"c0\" = 1",
      "c0 = 1",
      "线路 = 'K1' -- ' AND 1=0",
      std::string(1 << 20, '('),
  };
  int refused = 0;
  for (const auto& a : attempts) {
    QueryParams p;
    p.where = a;
    p.q = "'); DELETE FROM rows; --";
    auto c = compile(p, dataset_fields(), GetParam(), tdb->table());
    if (!c) {
      ++refused;
      EXPECT_EQ(c.error().slug, "invalid_query") << a;
      continue;
    }
    auto rs = execute(tdb->conn(), *c, std::chrono::seconds(5));
    ASSERT_TRUE(rs.ok()) << a << ": " << rs.error().detail;
    EXPECT_TRUE(rs->rows.empty()) << a;
  }
  EXPECT_EQ(refused, static_cast<int>(attempts.size()) - 1);  // only the doubled quote compiles
  EXPECT_EQ(tdb->checksum(), before);
}

TEST_P(InjectionTest, TimeoutOnPostgres) {
  if (GetParam() != db::Dialect::postgres) GTEST_SKIP() << "SQLite: see TimeoutOnSqlite";
  std::string why;
  auto tdb = testing::TestDatabase::open(GetParam(), &why);
  if (!tdb) GTEST_SKIP() << why;
  CompiledQuery slow;
  slow.sql = "SELECT pg_sleep(5)";  // not reachable from the language; stands for a heavy query
  auto rs = execute(tdb->conn(), slow, std::chrono::milliseconds(50));
  ASSERT_FALSE(rs.ok());
  EXPECT_EQ(rs.error().slug, "query_timeout");
  // The limit did not outlive the query.
  auto after = tdb->conn().query("SHOW statement_timeout");
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->rows.at(0).text(0), "0");
}

TEST_P(InjectionTest, TimeoutOnSqlite) {
  if (GetParam() != db::Dialect::sqlite) GTEST_SKIP() << "PostgreSQL: see TimeoutOnPostgres";
  std::string why;
  auto tdb = testing::TestDatabase::open(GetParam(), &why);
  if (!tdb) GTEST_SKIP() << why;
  CompiledQuery endless;
  // Never ends on its own: only the deadline can stop it.
  endless.sql = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT COUNT(*) FROM c";
  auto rs = execute(tdb->conn(), endless, std::chrono::milliseconds(50));
  ASSERT_FALSE(rs.ok());
  EXPECT_EQ(rs.error().slug, "query_timeout");
  // The deadline is gone afterwards: the next query runs normally.
  auto after = tdb->conn().query("SELECT 1");
  EXPECT_TRUE(after.ok());
}

INSTANTIATE_TEST_SUITE_P(Dialects, InjectionTest,
                         ::testing::Values(db::Dialect::sqlite, db::Dialect::postgres),
                         [](const ::testing::TestParamInfo<db::Dialect>& p) {
                           return p.param == db::Dialect::sqlite ? "sqlite" : "postgres";
                         });

}  // namespace
}  // namespace kf::query
