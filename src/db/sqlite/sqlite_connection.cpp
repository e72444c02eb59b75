// SQLite driver: one sqlite3 handle opened with NOMUTEX (the pool guarantees one thread at a
// time, so SQLite's own locking would only cost), prepared statements cached by SQL text.
#include "db/sqlite/sqlite_connection.h"

#include <sqlite3.h>

#include <chrono>
#include <climits>
#include <optional>
#include <unordered_map>
#include <utility>

namespace kf::db {
namespace {

constexpr int kBusyTimeoutMs = 5000;
// Module SQL is a fixed set of constants; generated SQL (queries) is not, so the cache is
// bounded. Clearing it wholesale when full is crude but keeps the common case fast.
constexpr std::size_t kMaxCachedStatements = 128;

constexpr const char* kDbMessage = "数据库错误";
constexpr const char* kConflictMessage = "数据已存在或与现有数据冲突";
constexpr const char* kBusyMessage = "数据库繁忙，请稍后重试";
constexpr const char* kUnavailableMessage = "数据库暂时不可用，请稍后重试";

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StmtFinalizer {
  void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};
using DbPtr = std::unique_ptr<sqlite3, DbCloser>;
using StmtPtr = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

// Resets a cached statement however the query ends: a statement left mid-step keeps a read
// transaction open, which blocks WAL checkpoints; bindings are cleared because they point
// into the caller's parameters (bound with SQLITE_STATIC).
class ResetGuard {
 public:
  explicit ResetGuard(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~ResetGuard() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  ResetGuard(const ResetGuard&) = delete;
  ResetGuard& operator=(const ResetGuard&) = delete;

 private:
  sqlite3_stmt* stmt_;
};

std::string clip(std::string_view sql) {
  constexpr std::size_t kMax = 300;
  return sql.size() <= kMax ? std::string(sql) : std::string(sql.substr(0, kMax)) + "...";
}

// The message is generic; SQLite's text and the SQL (never values: they are bound) go into
// the detail for the log.
Error error_from(sqlite3* db, int rc, std::string_view sql) {
  std::string detail = "sqlite error " + std::to_string(rc) + ": " + sqlite3_errmsg(db);
  if (!sql.empty()) detail += " in: " + clip(sql);
  switch (rc & 0xff) {  // primary code; extended codes carry the detail
    case SQLITE_CONSTRAINT:
      return {ErrorCode::conflict, kConflictMessage, std::move(detail), {}};
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Error::unavailable(kBusyMessage, std::move(detail));
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_READONLY:
      return Error::unavailable(kUnavailableMessage, std::move(detail));
    default:
      return {ErrorCode::internal, kDbMessage, std::move(detail), {}};
  }
}

Error usage_error(std::string detail) {
  return {ErrorCode::internal, kDbMessage, std::move(detail), {}};
}

int bind(sqlite3_stmt* stmt, int index, const Value& value) {
  if (const auto* n = std::get_if<std::int64_t>(&value)) {
    return sqlite3_bind_int64(stmt, index, *n);
  }
  if (const auto* d = std::get_if<double>(&value)) return sqlite3_bind_double(stmt, index, *d);
  if (const auto* s = std::get_if<std::string>(&value)) {
    // SQLITE_STATIC: the caller's parameters outlive the statement's use (see ResetGuard).
    return sqlite3_bind_text64(stmt, index, s->data(), s->size(), SQLITE_STATIC, SQLITE_UTF8);
  }
  return sqlite3_bind_null(stmt, index);
}

Value column(sqlite3_stmt* stmt, int c) {
  switch (sqlite3_column_type(stmt, c)) {
    case SQLITE_INTEGER:
      return std::int64_t{sqlite3_column_int64(stmt, c)};
    case SQLITE_FLOAT:
      return sqlite3_column_double(stmt, c);
    case SQLITE_TEXT: {
      // Pointer first, then size: that is the order SQLite documents as safe.
      const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
      const auto n = static_cast<std::size_t>(sqlite3_column_bytes(stmt, c));
      return p == nullptr ? std::string() : std::string(p, n);
    }
    case SQLITE_BLOB: {
      const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt, c));
      const auto n = static_cast<std::size_t>(sqlite3_column_bytes(stmt, c));
      return p == nullptr ? std::string() : std::string(p, n);
    }
    default:
      return std::monostate{};
  }
}

// Bulk loading into a table of its own: one prepared INSERT inside one transaction.
class SqliteBulkWriter final : public BulkWriter {
 public:
  SqliteBulkWriter(sqlite3* db, StmtPtr stmt, std::size_t columns)
      : db_(db), stmt_(std::move(stmt)), columns_(columns) {}
  ~SqliteBulkWriter() override {
    stmt_.reset();
    if (!finished_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }

  Result<void> append(std::span<const Value> row) override {
    if (row.size() != columns_) return usage_error("bulk row has the wrong number of values");
    for (std::size_t i = 0; i < row.size(); ++i) {
      int rc = bind(stmt_.get(), static_cast<int>(i + 1), row[i]);
      if (rc != SQLITE_OK) return error_from(db_, rc, "bulk bind");
    }
    int rc = sqlite3_step(stmt_.get());
    sqlite3_reset(stmt_.get());
    if (rc != SQLITE_DONE) return error_from(db_, rc, "bulk insert");
    return ok();
  }

  Result<void> finish() override {
    stmt_.reset();
    int rc = sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) return error_from(db_, rc, "COMMIT");
    finished_ = true;
    return ok();
  }

 private:
  sqlite3* db_;
  StmtPtr stmt_;
  std::size_t columns_;
  bool finished_ = false;
};

// Steps a statement of its own (not the cache's), so it can stay open across calls.
class SqliteCursor final : public Cursor {
 public:
  SqliteCursor(sqlite3* db, StmtPtr stmt, std::vector<Value> params)
      : db_(db), stmt_(std::move(stmt)), params_(std::move(params)) {
    for (std::size_t i = 0; i < params_.size(); ++i) bind(stmt_.get(), static_cast<int>(i + 1), std::as_const(params_[i]));  // const: not std::bind
  }
  Result<bool> next(std::vector<Value>& row) override {
    int rc = sqlite3_step(stmt_.get());
    if (rc == SQLITE_DONE) return false;
    if (rc != SQLITE_ROW) return error_from(db_, rc, "cursor step");
    int n = sqlite3_column_count(stmt_.get());
    row.resize(static_cast<std::size_t>(n));
    for (int c = 0; c < n; ++c) row[static_cast<std::size_t>(c)] = column(stmt_.get(), c);
    return true;
  }

 private:
  sqlite3* db_;
  StmtPtr stmt_;
  std::vector<Value> params_;  // bound with SQLITE_STATIC: kept alive here
};

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(DbPtr db) : db_(std::move(db)) {}

  Dialect dialect() const override { return Dialect::sqlite; }
  using Connection::query;
  Result<ResultSet> query(std::string_view sql, std::span<const Value> params) override;
  Result<void> exec_script(std::string_view sql) override;
  // IMMEDIATE takes the write lock now: a deferred transaction that reads and then writes
  // can fail with SQLITE_BUSY at once (no busy wait) when another writer got there first.
  Result<void> begin() override { return run("BEGIN IMMEDIATE"); }
  Result<void> commit() override { return run("COMMIT"); }
  // No-op without a transaction: SQLite rolls back by itself on some errors (disk full,
  // I/O), and the caller's ROLLBACK must not then fail.
  Result<void> rollback() override { return idle() ? ok() : run("ROLLBACK"); }
  bool ping() override { return query("SELECT 1", {}).ok(); }
  bool idle() const override { return sqlite3_get_autocommit(db_.get()) != 0; }
  Result<std::unique_ptr<BulkWriter>> bulk_create(const std::string& table,
                                                  const std::vector<BulkColumn>& columns) override;
  void set_deadline(std::optional<std::chrono::steady_clock::time_point> deadline) override {
    deadline_ = deadline;
    if (!deadline) {
      sqlite3_progress_handler(db_.get(), 0, nullptr, nullptr);
      return;
    }
    // Called every 10,000 virtual-machine steps: cheap, and often enough to stop within
    // milliseconds of the deadline.
    sqlite3_progress_handler(
        db_.get(), 10000,
        [](void* self) -> int {
          auto* c = static_cast<SqliteConnection*>(self);
          return c->deadline_ && std::chrono::steady_clock::now() > *c->deadline_ ? 1 : 0;
        },
        this);
  }
  Result<std::unique_ptr<Cursor>> open_cursor(std::string_view sql, std::span<const Value> params) override {
    sqlite3_stmt* raw = nullptr;
    int rc = sqlite3_prepare_v2(db_.get(), sql.data(), static_cast<int>(sql.size()), &raw, nullptr);
    StmtPtr stmt(raw);
    if (rc != SQLITE_OK) return error_from(db_.get(), rc, sql);
    return std::unique_ptr<Cursor>(std::make_unique<SqliteCursor>(
        db_.get(), std::move(stmt), std::vector<Value>(params.begin(), params.end())));
  }

 private:
  Result<void> run(std::string_view sql) {
    KF_TRY(query(sql, {}));
    return ok();
  }
  // The cached statement for `sql`; nullptr when `sql` holds no statement (only comments).
  Result<sqlite3_stmt*> prepare(std::string_view sql);

  DbPtr db_;  // declared first: destroyed after the statements that belong to it
  std::optional<std::chrono::steady_clock::time_point> deadline_;
  std::unordered_map<std::string, StmtPtr> cache_;
};

Result<sqlite3_stmt*> SqliteConnection::prepare(std::string_view sql) {
  std::string key(sql);
  if (auto it = cache_.find(key); it != cache_.end()) return it->second.get();
  if (sql.size() > INT_MAX) return usage_error("statement too long");

  sqlite3_stmt* raw = nullptr;
  const char* tail = nullptr;
  const char* end = sql.data() + sql.size();
  int rc = sqlite3_prepare_v3(db_.get(), sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &raw, &tail);
  if (rc != SQLITE_OK) return error_from(db_.get(), rc, sql);
  StmtPtr stmt(raw);

  // Refuse a second statement instead of silently ignoring it; a trailing comment is fine.
  while (tail != nullptr && tail < end) {
    sqlite3_stmt* extra = nullptr;
    const char* next = nullptr;
    rc = sqlite3_prepare_v2(db_.get(), tail, static_cast<int>(end - tail), &extra, &next);
    StmtPtr extra_owner(extra);
    if (rc != SQLITE_OK || extra != nullptr) {
      return usage_error("query() runs one statement; use exec_script(): " + clip(sql));
    }
    if (next == tail) break;
    tail = next;
  }

  if (!stmt) return static_cast<sqlite3_stmt*>(nullptr);
  if (cache_.size() >= kMaxCachedStatements) cache_.clear();
  return cache_.emplace(std::move(key), std::move(stmt)).first->second.get();
}

Result<ResultSet> SqliteConnection::query(std::string_view sql, std::span<const Value> params) {
  KF_ASSIGN(sqlite3_stmt * stmt, prepare(sql));
  ResultSet rs;
  if (stmt == nullptr) return rs;
  ResetGuard guard(stmt);

  const int expected = sqlite3_bind_parameter_count(stmt);
  if (static_cast<std::size_t>(expected) != params.size()) {
    return usage_error("statement has " + std::to_string(expected) + " parameters, got " +
                       std::to_string(params.size()) + ": " + clip(sql));
  }
  for (std::size_t i = 0; i < params.size(); ++i) {
    int rc = bind(stmt, static_cast<int>(i + 1), params[i]);
    if (rc != SQLITE_OK) return error_from(db_.get(), rc, sql);
  }

  const int ncols = sqlite3_column_count(stmt);
  for (int c = 0; c < ncols; ++c) rs.columns.emplace_back(sqlite3_column_name(stmt, c));

  const sqlite3_int64 changes_before = sqlite3_total_changes64(db_.get());
  for (;;) {
    const int rc = sqlite3_step(stmt);
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) return error_from(db_.get(), rc, sql);
    std::vector<Value> cells;
    cells.reserve(static_cast<std::size_t>(ncols));
    for (int c = 0; c < ncols; ++c) cells.push_back(column(stmt, c));
    rs.rows.emplace_back(std::move(cells));
  }
  // sqlite3_changes() keeps the count of the last INSERT/UPDATE/DELETE, so DDL would report
  // a stale number; only trust it when this statement changed something.
  if (sqlite3_stmt_readonly(stmt) == 0 && sqlite3_total_changes64(db_.get()) != changes_before) {
    rs.affected = sqlite3_changes64(db_.get());
  }
  return rs;
}

Result<void> SqliteConnection::exec_script(std::string_view sql) {
  const std::string script(sql);  // sqlite3_exec wants a NUL-terminated string
  const int rc = sqlite3_exec(db_.get(), script.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return error_from(db_.get(), rc, sql);
  return ok();
}

}  // namespace

Result<std::unique_ptr<Connection>> open_sqlite(const std::string& path) {
  sqlite3* raw = nullptr;
  const int flags =
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  DbPtr db(raw);  // a handle is returned even on failure and must be closed
  if (rc != SQLITE_OK) {
    std::string detail =
        "sqlite open " + path + ": " + (raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc));
    return Error::unavailable(kUnavailableMessage, std::move(detail));
  }
  sqlite3_extended_result_codes(db.get(), 1);
  // Before the pragmas: switching to WAL needs a lock another process may hold.
  sqlite3_busy_timeout(db.get(), kBusyTimeoutMs);
  const int prc = sqlite3_exec(db.get(),
                               "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                               " PRAGMA foreign_keys=ON;",
                               nullptr, nullptr, nullptr);
  if (prc != SQLITE_OK) {
    Error e = error_from(db.get(), prc, "PRAGMA");
    e.detail = "sqlite open " + path + ": " + e.detail;
    return e;
  }
  return std::unique_ptr<Connection>(std::make_unique<SqliteConnection>(std::move(db)));
}

Result<std::unique_ptr<Connection>> open_immutable_sqlite(const std::string& path) {
  // A URI filename: '?', '#' and '%' of the path are escaped; immutable=1 turns off locking
  // and change detection, which a file that never changes does not need.
  std::string uri = "file:";
  for (char ch : path) {
    if (ch == '?' || ch == '#' || ch == '%') {
      static constexpr char kHex[] = "0123456789ABCDEF";
      const auto byte = static_cast<unsigned char>(ch);
      uri += '%';
      uri += kHex[byte >> 4];
      uri += kHex[byte & 0xF];
    } else {
      uri += ch;
    }
  }
  uri += "?mode=ro&immutable=1";
  sqlite3* raw = nullptr;
  const int flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
  const int rc = sqlite3_open_v2(uri.c_str(), &raw, flags, nullptr);
  DbPtr db(raw);
  if (rc != SQLITE_OK) {
    std::string detail =
        "sqlite open " + path + ": " + (raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc));
    return Error::unavailable(kUnavailableMessage, std::move(detail));
  }
  sqlite3_extended_result_codes(db.get(), 1);
  return std::unique_ptr<Connection>(std::make_unique<SqliteConnection>(std::move(db)));
}

}  // namespace kf::db

namespace kf::db {

Result<std::unique_ptr<BulkWriter>> SqliteConnection::bulk_create(
    const std::string& table, const std::vector<BulkColumn>& columns) {
  if (columns.empty()) return usage_error("bulk table without columns");
  std::string ddl = "CREATE TABLE " + table + " (";
  std::string insert = "INSERT INTO " + table + " VALUES (";
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const char* type = columns[i].type == BulkColumn::Type::integer ? "INTEGER"
                       : columns[i].type == BulkColumn::Type::real  ? "REAL"
                                                                    : "TEXT";
    ddl += (i ? ", \"" : "\"") + columns[i].name + "\" " + type;
    insert += i ? ", ?" : "?";
  }
  ddl += ")";
  insert += ")";
  KF_TRY(exec_script(ddl));
  sqlite3_stmt* raw = nullptr;
  int rc = sqlite3_prepare_v3(db_.get(), insert.c_str(), static_cast<int>(insert.size()),
                              SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
  StmtPtr stmt(raw);
  if (rc != SQLITE_OK) return error_from(db_.get(), rc, insert);
  rc = sqlite3_exec(db_.get(), "BEGIN", nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return error_from(db_.get(), rc, "BEGIN");
  return std::unique_ptr<BulkWriter>(
      std::make_unique<SqliteBulkWriter>(db_.get(), std::move(stmt), columns.size()));
}

}  // namespace kf::db
