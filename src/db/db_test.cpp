// Behaviour every driver must share. Each test runs on SQLite (a temporary file) and on
// PostgreSQL when KF_TEST_PG_URL is set; there each test gets its own schema (through
// search_path in the URL), so tests may run in parallel against one database.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <mutex>
#include <random>
#include <set>
#include <stdexcept>
#include <thread>

#include "db/database.h"

namespace kf::db {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

std::string unique_suffix() {
  static std::atomic<int> counter{0};
  std::random_device rd;
  return std::to_string(getpid()) + "_" + std::to_string(counter++) + "_" +
         std::to_string(rd() % 1000000);
}

class DbTest : public ::testing::TestWithParam<Dialect> {
 protected:
  void SetUp() override {
    if (GetParam() == Dialect::sqlite) {
      dir_ = fs::temp_directory_path() / ("kf_db_test_" + unique_suffix());
      url_ = "sqlite:" + (dir_ / "sub" / "test.db").string();  // connect() makes "sub"
    } else {
      const char* base = std::getenv("KF_TEST_PG_URL");
      if (base == nullptr || *base == '\0') {
        GTEST_SKIP() << "KF_TEST_PG_URL is not set; start a cluster with "
                        "`scripts/pg-test-cluster.sh start DIR PORT` and export the URL it prints";
      }
      base_url_ = base;
      schema_ = "kf_test_" + unique_suffix();
      auto admin = connect(base_url_);
      ASSERT_TRUE(admin.ok()) << admin.error().detail;
      auto created = (*admin)->exec_script("CREATE SCHEMA " + schema_);
      ASSERT_TRUE(created.ok()) << created.error().detail;
      url_ = base_url_ + (base_url_.find('?') == std::string::npos ? "?" : "&") +
             "options=-c%20search_path%3D" + schema_;
    }
    auto conn = connect(url_);
    ASSERT_TRUE(conn.ok()) << conn.error().detail;
    conn_ = std::move(conn).value();
  }

  void TearDown() override {
    conn_.reset();
    if (!dir_.empty()) {
      std::error_code ec;
      fs::remove_all(dir_, ec);
    }
    if (!schema_.empty()) {
      if (auto admin = connect(base_url_)) {
        (void)(*admin)->exec_script("DROP SCHEMA " + schema_ + " CASCADE");
      }
    }
  }

  Connection& db() { return *conn_; }

  void exec(std::string_view portable_sql) {
    auto r = db().exec_script(expand_type_markers(portable_sql, db().dialect()));
    ASSERT_TRUE(r.ok()) << r.error().detail;
  }

  ResultSet must(Result<ResultSet> r) {
    EXPECT_TRUE(r.ok()) << r.error().detail;
    return r.ok() ? std::move(r).value() : ResultSet{};
  }

  std::int64_t count(const std::string& table) {
    ResultSet rs = must(db().query("SELECT COUNT(*) FROM " + table, {}));
    return rs.rows.empty() ? -1 : rs.rows[0].int64(0);
  }

  std::string url_;
  std::unique_ptr<Connection> conn_;

 private:
  fs::path dir_;
  std::string base_url_;
  std::string schema_;
};

INSTANTIATE_TEST_SUITE_P(Drivers, DbTest, ::testing::Values(Dialect::sqlite, Dialect::postgres),
                         [](const ::testing::TestParamInfo<Dialect>& p) {
                           return p.param == Dialect::sqlite ? "sqlite" : "postgres";
                         });

TEST_P(DbTest, RoundTripsEveryValueType) {
  exec("CREATE TABLE v (id {{ID}}, i BIGINT, r DOUBLE PRECISION, t TEXT, b {{BLOB}}, n TEXT)");
  // Bytes that text formats mangle: NUL, a backslash, a byte that is not UTF-8, a quote.
  const std::string blob{'\0', '\x01', '\\', 'x', '\xff', '\'', '?'};
  const std::string chinese = "开放数据：政府信息公开 ? '引号'";
  const auto big = std::numeric_limits<std::int64_t>::max();
  const auto small = std::numeric_limits<std::int64_t>::min();
  const char* insert = "INSERT INTO v (i, r, t, b, n) VALUES (?, ?, ?, ?, ?)";
  must(db().query(insert, {big, 3.25, chinese, blob, null()}));
  must(db().query(insert, {small, -0.1, std::string(), std::string(), null()}));

  ResultSet rs = must(db().query("SELECT i, r, t, b, n FROM v ORDER BY id", {}));
  EXPECT_EQ(rs.columns, (std::vector<std::string>{"i", "r", "t", "b", "n"}));
  ASSERT_EQ(rs.rows.size(), 2u);
  const Row& a = rs.rows[0];
  EXPECT_EQ(std::get<std::int64_t>(a.at(0)), big);
  EXPECT_EQ(std::get<double>(a.at(1)), 3.25);
  EXPECT_EQ(std::get<std::string>(a.at(2)), chinese);
  EXPECT_EQ(std::get<std::string>(a.at(3)), blob);
  EXPECT_TRUE(a.is_null(4));
  EXPECT_FALSE(a.opt_text(4).has_value());
  const Row& b = rs.rows[1];
  EXPECT_EQ(b.int64(0), small);
  EXPECT_EQ(b.real(1), -0.1);
  EXPECT_EQ(b.text(2), "");
  EXPECT_FALSE(b.is_null(2));  // empty text is not NULL
  EXPECT_EQ(b.text(3), "");

  // Bound values compare equal to what was stored, blob included.
  rs = must(db().query("SELECT COUNT(*) FROM v WHERE t = ? AND b = ?", {chinese, blob}));
  EXPECT_EQ(rs.rows.at(0).int64(0), 1);
}

TEST_P(DbTest, ExpressionTypesLookTheSameOnBothDialects) {
  exec("CREATE TABLE one (x INTEGER)");
  must(db().query("INSERT INTO one (x) VALUES (?)", {std::int64_t{7}}));
  // PostgreSQL answers bool, int8 and numeric here; SQLite integer, integer and real.
  ResultSet rs = must(db().query("SELECT x = 7, COUNT(*), 1.5, x FROM one GROUP BY x", {}));
  ASSERT_EQ(rs.rows.size(), 1u);
  EXPECT_EQ(std::get<std::int64_t>(rs.rows[0].at(0)), 1);
  EXPECT_EQ(std::get<std::int64_t>(rs.rows[0].at(1)), 1);
  EXPECT_EQ(std::get<double>(rs.rows[0].at(2)), 1.5);
  EXPECT_EQ(std::get<std::int64_t>(rs.rows[0].at(3)), 7);
}

TEST_P(DbTest, ReturningIdAndAffectedRows) {
  exec("CREATE TABLE t (id {{ID}}, name TEXT NOT NULL)");
  ResultSet first = must(db().query("INSERT INTO t (name) VALUES (?) RETURNING id", {"甲"}));
  ResultSet second = must(db().query("INSERT INTO t (name) VALUES (?) RETURNING id", {"乙"}));
  ASSERT_EQ(first.rows.size(), 1u);
  ASSERT_EQ(second.rows.size(), 1u);
  EXPECT_EQ(first.rows[0].int64(0), 1);
  EXPECT_EQ(second.rows[0].int64(0), 2);
  EXPECT_EQ(first.affected, 1);

  EXPECT_EQ(must(db().query("UPDATE t SET name = ?", {"丙"})).affected, 2);
  EXPECT_EQ(must(db().query("DELETE FROM t WHERE id = ?", {std::int64_t{1}})).affected, 1);
  EXPECT_EQ(
      must(db().query("UPDATE t SET name = ? WHERE id = ?", {"丁", std::int64_t{99}})).affected, 0);
  EXPECT_EQ(must(db().query("SELECT * FROM t", {})).affected, 0);
  EXPECT_EQ(must(db().query("CREATE TABLE t2 (x TEXT)", {})).affected, 0);  // no stale count
}

TEST_P(DbTest, UniqueViolationIsConflictWithGenericMessage) {
  exec("CREATE TABLE u (email TEXT UNIQUE)");
  must(db().query("INSERT INTO u (email) VALUES (?)", {"zhang@example.cn"}));
  auto dup = db().query("INSERT INTO u (email) VALUES (?)", {"zhang@example.cn"});
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, ErrorCode::conflict);
  EXPECT_EQ(dup.error().message, "数据已存在或与现有数据冲突");
  EXPECT_FALSE(dup.error().detail.empty());
  // The log detail names the constraint but not the value (personal data).
  EXPECT_EQ(dup.error().detail.find("zhang@example.cn"), std::string::npos) << dup.error().detail;
  EXPECT_TRUE(db().ping());  // the connection is still usable
}

TEST_P(DbTest, ForeignKeyViolationIsConflict) {
  exec(
      "CREATE TABLE parent (id {{ID}});"
      "CREATE TABLE child (id {{ID}}, parent_id BIGINT NOT NULL REFERENCES parent (id))");
  auto r = db().query("INSERT INTO child (parent_id) VALUES (?)", {std::int64_t{42}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::conflict);
}

TEST_P(DbTest, OtherErrorsAreInternalWithGenericMessage) {
  auto r = db().query("SELEC 1", {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::internal);
  EXPECT_EQ(r.error().message, "数据库错误");
  EXPECT_NE(r.error().detail.find("SELEC 1"), std::string::npos) << r.error().detail;

  EXPECT_FALSE(db().query("SELECT 1 WHERE 1 = ?", {}).ok());     // too few parameters
  EXPECT_FALSE(db().query("SELECT 1", {std::int64_t{1}}).ok());  // too many
  EXPECT_FALSE(db().query("SELECT 1; SELECT 2", {}).ok());       // one statement only
  EXPECT_TRUE(db().query("SELECT 1; -- trailing comment", {}).ok());
}

TEST_P(DbTest, QuestionMarksInQuotesAndCommentsAreNotPlaceholders) {
  exec(R"(CREATE TABLE q ("what?" TEXT, b TEXT))");
  must(db().query("INSERT INTO q (\"what?\", b) -- a comment? yes\n VALUES ('it''s ?', ?) /* ? */",
                  {"答?"}));
  ResultSet rs = must(
      db().query(R"(SELECT "what?", b, '?' FROM q WHERE "what?" = 'it''s ?' AND b = ?)", {"答?"}));
  ASSERT_EQ(rs.rows.size(), 1u);
  EXPECT_EQ(rs.rows[0].text(0), "it's ?");
  EXPECT_EQ(rs.rows[0].text(1), "答?");
  EXPECT_EQ(rs.rows[0].text(2), "?");
}

TEST_P(DbTest, TransactionCommitsOrRollsBack) {
  exec("CREATE TABLE t (name TEXT)");
  auto insert = [&] { return db().query("INSERT INTO t (name) VALUES (?)", {"x"}); };

  auto failed = transaction(db(), [&]() -> Result<void> {
    KF_TRY(insert());
    return Error::invalid("停止", "name");
  });
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, ErrorCode::invalid_argument);  // the callback's own error
  EXPECT_EQ(count("t"), 0);
  EXPECT_TRUE(db().idle());

  EXPECT_THROW((void)transaction(db(),
                                 [&]() -> Result<void> {
                                   KF_TRY(insert());
                                   throw std::runtime_error("boom");
                                 }),
               std::runtime_error);
  EXPECT_EQ(count("t"), 0);
  EXPECT_TRUE(db().idle());

  auto done = transaction(db(), [&]() -> Result<void> {
    KF_TRY(insert());
    KF_TRY(insert());
    return ok();
  });
  EXPECT_TRUE(done.ok());
  EXPECT_EQ(count("t"), 2);
  EXPECT_TRUE(db().idle());
}

TEST_P(DbTest, CommitAfterAFailedStatementIsNotSilent) {
  if (GetParam() == Dialect::sqlite) {
    GTEST_SKIP() << "SQLite keeps the transaction open after a failed statement";
  }
  exec("CREATE TABLE u (x TEXT UNIQUE)");
  ASSERT_TRUE(db().begin().ok());
  must(db().query("INSERT INTO u (x) VALUES (?)", {"a"}));
  EXPECT_FALSE(db().query("INSERT INTO u (x) VALUES (?)", {"a"}).ok());
  EXPECT_FALSE(db().idle());
  EXPECT_FALSE(db().commit().ok());  // PostgreSQL rolled back: the caller must know
  EXPECT_TRUE(db().idle());
  EXPECT_EQ(count("u"), 0);
}

TEST_P(DbTest, MigrateAppliesEachVersionOnce) {
  EXPECT_EQ(schema_version(db()).value(), 0);
  std::vector<Migration> list = {
      {2, "b", "CREATE TABLE b (x TEXT); CREATE INDEX b_x ON b (x);"},
      {1, "a", "CREATE TABLE a (id {{ID}}, data {{BLOB}})"},
  };
  auto first = migrate(db(), list);
  ASSERT_TRUE(first.ok()) << first.error().detail;
  EXPECT_EQ(*first, 2);
  EXPECT_EQ(schema_version(db()).value(), 2);
  EXPECT_EQ(migrate(db(), list).value(), 0);
  EXPECT_EQ(
      must(db().query("INSERT INTO a (data) VALUES (?) RETURNING id", {"x"})).rows.at(0).int64(0),
      1);

  list.push_back({3, "c", "CREATE TABLE c (x TEXT)"});
  EXPECT_EQ(migrate(db(), list).value(), 1);
  EXPECT_EQ(schema_version(db()).value(), 3);

  // A failing migration leaves nothing behind, not even its first statement.
  list.push_back({4, "broken", "CREATE TABLE d (x TEXT); INSERT INTO nowhere VALUES (1);"});
  auto broken = migrate(db(), list);
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.error().detail.find("broken"), std::string::npos) << broken.error().detail;
  EXPECT_EQ(schema_version(db()).value(), 3);
  EXPECT_FALSE(db().query("SELECT * FROM d", {}).ok());
  EXPECT_TRUE(db().idle());

  const char* applied = "SELECT version, name, applied_at FROM schema_migrations ORDER BY version";
  ResultSet rows = must(db().query(applied, {}));
  ASSERT_EQ(rows.rows.size(), 3u);
  EXPECT_EQ(rows.rows[0].text(1), "a");
  EXPECT_GT(rows.rows[0].int64(2), 1'600'000'000'000);  // milliseconds, not seconds
}

TEST_P(DbTest, MigrateRefusesDuplicateVersions) {
  std::vector<Migration> list = {{1, "a", "CREATE TABLE a (x TEXT)"},
                                 {1, "b", "CREATE TABLE b (x TEXT)"}};
  EXPECT_FALSE(migrate(db(), list).ok());
  EXPECT_EQ(schema_version(db()).value(), 0);
}

TEST_P(DbTest, MigrateUsesTheRegistry) {
  static std::once_flag once;
  std::call_once(once, [] {
    register_migrations({{7001, "registry test", "CREATE TABLE registry_test (x TEXT)"}});
  });
  EXPECT_EQ(migrate(db()).value(), 1);
  EXPECT_EQ(migrate(db()).value(), 0);
  EXPECT_EQ(schema_version(db()).value(), 7001);
  EXPECT_EQ(count("registry_test"), 0);
}

TEST_P(DbTest, PoolTimesOutWhenExhausted) {
  Pool pool(url_, 1);
  EXPECT_EQ(pool.dialect(), GetParam());
  auto held = pool.acquire();
  ASSERT_TRUE(held.ok()) << held.error().detail;
  auto refused = pool.acquire(20ms);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::unavailable);
  EXPECT_EQ(refused.error().message, "数据库繁忙，请稍后重试");

  Connection* first = &**held;
  {
    PooledConnection moved(std::move(held).value());  // the moved-from one returns nothing
  }
  auto again = pool.acquire(0ms);
  ASSERT_TRUE(again.ok()) << again.error().detail;
  EXPECT_EQ(&**again, first);  // the same connection, reused
}

TEST_P(DbTest, PoolSharesConnectionsAcrossThreads) {
  exec("CREATE TABLE hits (thread BIGINT, n BIGINT)");
  constexpr std::size_t kMax = 3;
  constexpr int kThreads = 6;
  constexpr int kInserts = 20;
  Pool pool(url_, kMax);
  std::mutex mutex;
  std::set<Connection*> seen;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kInserts; ++i) {
        auto conn = pool.acquire(10s);
        if (!conn) {
          ++failures;
          continue;
        }
        {
          std::lock_guard lock(mutex);
          seen.insert(&**conn);
        }
        if (!(*conn)->query("INSERT INTO hits (thread, n) VALUES (?, ?)",
                            {std::int64_t{t}, std::int64_t{i}})) {
          ++failures;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_LE(seen.size(), kMax);
  EXPECT_EQ(count("hits"), kThreads * kInserts);
}

TEST_P(DbTest, PoolDropsAConnectionReturnedMidTransaction) {
  exec("CREATE TABLE t (x TEXT)");
  Pool pool(url_, 1);
  {
    auto conn = pool.acquire();
    ASSERT_TRUE(conn.ok());
    ASSERT_TRUE((*conn)->begin().ok());
    must((*conn)->query("INSERT INTO t (x) VALUES (?)", {"lost"}));
  }  // returned without commit or rollback
  auto next = pool.acquire(1s);
  ASSERT_TRUE(next.ok()) << next.error().detail;  // the slot was freed
  EXPECT_TRUE((*next)->idle());
  EXPECT_TRUE((*next)->begin().ok());  // would fail on the old, still-open transaction
  EXPECT_TRUE((*next)->rollback().ok());
  EXPECT_EQ(count("t"), 0);
}

TEST_P(DbTest, PoolReplacesAConnectionTheServerClosed) {
  if (GetParam() == Dialect::sqlite) GTEST_SKIP() << "an SQLite connection cannot be cut";
  Pool pool(url_, 1);
  {
    auto conn = pool.acquire();
    ASSERT_TRUE(conn.ok());
    ResultSet pid = must((*conn)->query("SELECT pg_backend_pid()", {}));
    // With a timeout the call waits until the backend is gone: no race with the next query.
    must(db().query("SELECT pg_terminate_backend(?, 5000)", {pid.rows.at(0).int64(0)}));
    auto r = (*conn)->query("SELECT 1", {});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::unavailable) << r.error().detail;
    EXPECT_FALSE((*conn)->idle());
    EXPECT_FALSE((*conn)->ping());
  }
  auto fresh = pool.acquire(1s);
  ASSERT_TRUE(fresh.ok()) << fresh.error().detail;
  EXPECT_TRUE((*fresh)->ping());
}

TEST(Connect, ParsesDialects) {
  EXPECT_EQ(dialect_of("sqlite:/tmp/x.db").value(), Dialect::sqlite);
  EXPECT_EQ(dialect_of("postgresql://u@h/db").value(), Dialect::postgres);
  EXPECT_EQ(dialect_of("postgres://u@h/db").value(), Dialect::postgres);
  auto bad = dialect_of("mysql://root:secret@h/db");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(bad.error().detail.find("secret"), std::string::npos);
  EXPECT_FALSE(connect("sqlite:").ok());
}

TEST(Connect, UnreachablePostgresIsUnavailable) {
  // Port 1 on loopback: refused at once, no timeout to wait for.
  auto r = connect("postgresql://kaifang:secret@127.0.0.1:1/none");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::unavailable);
  EXPECT_EQ(r.error().detail.find("secret"), std::string::npos);
}

TEST(Connect, BadPoolUrlIsReportedByAcquire) {
  Pool pool("nosuch:thing", 2);
  auto r = pool.acquire(0ms);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::invalid_argument);
}

TEST(Connect, SqliteCreatesTheFileAndItsDirectory) {
  const fs::path dir = fs::temp_directory_path() / ("kf_db_test_" + unique_suffix());
  const fs::path file = dir / "a" / "b" / "meta.db";
  {
    auto conn = connect("sqlite:" + file.string());
    ASSERT_TRUE(conn.ok()) << conn.error().detail;
    auto mode = (*conn)->query("PRAGMA journal_mode", {});
    ASSERT_TRUE(mode.ok());
    EXPECT_EQ(mode->rows.at(0).text(0), "wal");
    auto fk = (*conn)->query("PRAGMA foreign_keys", {});
    ASSERT_TRUE(fk.ok());
    EXPECT_EQ(fk->rows.at(0).int64(0), 1);
    auto sync = (*conn)->query("PRAGMA synchronous", {});
    ASSERT_TRUE(sync.ok());
    EXPECT_EQ(sync->rows.at(0).int64(0), 2);  // FULL
  }
  EXPECT_TRUE(fs::exists(file));
  fs::remove_all(dir);
}

TEST(TypeMarkers, ExpandPerDialect) {
  const char* ddl = "CREATE TABLE x (id {{ID}}, a {{BLOB}}, b {{BLOB}})";
  EXPECT_EQ(expand_type_markers(ddl, Dialect::sqlite),
            "CREATE TABLE x (id INTEGER PRIMARY KEY AUTOINCREMENT, a BLOB, b BLOB)");
  EXPECT_EQ(expand_type_markers(ddl, Dialect::postgres),
            "CREATE TABLE x (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, a BYTEA, "
            "b BYTEA)");
}

}  // namespace
}  // namespace kf::db

namespace kf::db {
namespace {

TEST_P(DbTest, BulkWriterLoadsTypedRowsIncludingAwkwardText) {
  std::vector<BulkColumn> cols = {{"编号", BulkColumn::Type::integer},
                                  {"amount", BulkColumn::Type::real},
                                  {"note", BulkColumn::Type::text}};
  {
    auto w = db().bulk_create("bulk_t", cols);
    ASSERT_TRUE(w.ok()) << w.error().detail;
    for (std::int64_t i = 0; i < 5000; ++i) {
      std::vector<Value> row = {i, 1.5 * static_cast<double>(i),
                                i % 7 == 0 ? Value(std::monostate{})
                                           : Value("第" + std::to_string(i) + "行\t带\\反斜杠\n换行")};
      ASSERT_TRUE((*w)->append(row).ok());
    }
    ASSERT_TRUE((*w)->finish().ok());
  }
  EXPECT_EQ(count("bulk_t"), 5000);
  auto rs = must(db().query("SELECT \"编号\", amount, note FROM bulk_t WHERE \"编号\" IN (7, 8) ORDER BY 1", {}));
  ASSERT_EQ(rs.rows.size(), 2u);
  EXPECT_TRUE(rs.rows[0].is_null(2));
  EXPECT_EQ(rs.rows[1].text(2), "第8行\t带\\反斜杠\n换行");
  EXPECT_DOUBLE_EQ(rs.rows[1].real(1), 12.0);
}

TEST_P(DbTest, AnUnfinishedBulkWriterLeavesNoRows) {
  {
    auto w = db().bulk_create("bulk_u", {{"x", BulkColumn::Type::integer}});
    ASSERT_TRUE(w.ok()) << w.error().detail;
    std::vector<Value> row = {std::int64_t{1}};
    ASSERT_TRUE((*w)->append(row).ok());
  }  // destroyed without finish()
  EXPECT_TRUE(db().idle());
  auto rs = db().query("SELECT COUNT(*) FROM bulk_u", {});
  // SQLite rolls the rows back (the table itself was created before); PostgreSQL aborts COPY.
  if (rs.ok()) {
    EXPECT_EQ(rs->rows[0].int64(0), 0);
  }
}

}  // namespace
}  // namespace kf::db

namespace kf::db {
namespace {

TEST_P(DbTest, CursorReadsLargeResultsRowByRow) {
  {
    auto w = db().bulk_create("cur_t", {{"n", BulkColumn::Type::integer}, {"s", BulkColumn::Type::text}});
    ASSERT_TRUE(w.ok()) << w.error().detail;
    for (std::int64_t i = 0; i < 4500; ++i) {
      std::vector<Value> row = {i, "行" + std::to_string(i)};
      ASSERT_TRUE((*w)->append(row).ok());
    }
    ASSERT_TRUE((*w)->finish().ok());
  }
  std::vector<Value> params = {std::int64_t{10}};
  auto cur = db().open_cursor("SELECT n, s FROM cur_t WHERE n >= ? ORDER BY n", params);
  ASSERT_TRUE(cur.ok()) << cur.error().detail;
  std::vector<Value> row;
  std::int64_t expected = 10, seen = 0;
  while (true) {
    auto more = (*cur)->next(row);
    ASSERT_TRUE(more.ok()) << more.error().detail;
    if (!*more) break;
    ASSERT_EQ(std::get<std::int64_t>(row[0]), expected);
    ASSERT_EQ(std::get<std::string>(row[1]), "行" + std::to_string(expected));
    ++expected;
    ++seen;
  }
  EXPECT_EQ(seen, 4490);
  cur->reset();
  EXPECT_TRUE(db().idle());  // the cursor's transaction (PostgreSQL) ended with it
  EXPECT_EQ(count("cur_t"), 4500);
}

}  // namespace
}  // namespace kf::db
