// The storage interface. Only this module knows whether it talks to SQLite or PostgreSQL.
//
// SQL is written once with `?` placeholders; the PostgreSQL driver rewrites them to $1..$n
// (placeholders inside quoted strings are left alone). Values are always bound, never
// concatenated. Portable SQL rules for module authors:
//   - ids: `INSERT ... RETURNING id` works on both;
//   - times are BIGINT milliseconds since the epoch (UTC); booleans are INTEGER 0/1;
//   - in migrations, `{{ID}}` expands to an auto-increment BIGINT primary key and `{{BLOB}}`
//     to BLOB / BYTEA.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/error.h"

namespace kf::db {

enum class Dialect { sqlite, postgres };

// A bound parameter or a column value. std::monostate is SQL NULL.
using Value = std::variant<std::monostate, std::int64_t, double, std::string>;

inline Value null() { return std::monostate{}; }

// One result row; columns are addressed by position (the order of the SELECT list).
class Row {
 public:
  explicit Row(std::vector<Value> cells) : cells_(std::move(cells)) {}
  std::size_t size() const { return cells_.size(); }
  bool is_null(std::size_t i) const { return std::holds_alternative<std::monostate>(cells_.at(i)); }
  // Integer value; text is parsed, NULL is 0.
  std::int64_t int64(std::size_t i) const;
  double real(std::size_t i) const;
  // Text value; numbers are formatted, NULL is "".
  std::string text(std::size_t i) const;
  std::optional<std::string> opt_text(std::size_t i) const;
  const Value& at(std::size_t i) const { return cells_.at(i); }

 private:
  std::vector<Value> cells_;
};

struct ResultSet {
  std::vector<std::string> columns;
  std::vector<Row> rows;
  std::int64_t affected = 0;  // rows changed by INSERT / UPDATE / DELETE
};

// A column of a table filled in bulk (dataset versions).
struct BulkColumn {
  enum class Type { integer, real, text };
  std::string name;
  Type type = Type::text;
};

// Appends rows to a table created for the purpose, much faster than one INSERT per row
// (SQLite: one prepared statement in one transaction; PostgreSQL: COPY). Rows are complete
// only after finish(); until then, and if the writer is destroyed without finish(), the
// table must be treated as garbage by the caller.
class BulkWriter {
 public:
  virtual ~BulkWriter() = default;
  // One row, one Value per column in the order of the columns given at creation.
  virtual Result<void> append(std::span<const Value> row) = 0;
  virtual Result<void> finish() = 0;
};

// Rows of a query read one at a time, for results too large to hold (downloads). The
// connection that opened it must not be used for anything else until the cursor is gone.
class Cursor {
 public:
  virtual ~Cursor() = default;
  // The next row; false at the end.
  virtual Result<bool> next(std::vector<Value>& row) = 0;
};

// One open connection. Not thread-safe: a connection is used by one thread at a time
// (the pool hands it out exclusively).
class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;
  // Runs one statement with bound parameters. Errors: conflict for unique/foreign-key
  // violations, unavailable when the server is unreachable, internal otherwise (the driver
  // text goes into Error::detail, never into the message).
  virtual Result<ResultSet> query(std::string_view sql, std::span<const Value> params = {}) = 0;
  // Runs several statements without parameters (migrations).
  virtual Result<void> exec_script(std::string_view sql) = 0;
  virtual Result<void> begin() = 0;
  virtual Result<void> commit() = 0;
  virtual Result<void> rollback() = 0;
  // Creates `table` (a plain identifier, or schema.table on PostgreSQL; the caller makes it
  // safe) with the given columns and returns a writer for it. The connection must not be
  // used for anything else until the writer is finished or destroyed.
  virtual Result<std::unique_ptr<BulkWriter>> bulk_create(const std::string& table,
                                                          const std::vector<BulkColumn>& columns) = 0;
  // Opens a cursor over a query's rows (SQLite: stepping the statement; PostgreSQL: a
  // server-side cursor fetched in batches inside a transaction the cursor owns).
  virtual Result<std::unique_ptr<Cursor>> open_cursor(std::string_view sql, std::span<const Value> params) = 0;
  // Statements that run past `deadline` are interrupted (SQLite: a progress handler; the
  // statement then fails with an error whose detail contains "interrupted"). nullopt removes
  // the limit. PostgreSQL uses statement_timeout instead, so this does nothing there.
  virtual void set_deadline(std::optional<std::chrono::steady_clock::time_point> deadline) { (void)deadline; }
  // True when the connection still works (used by the pool and /readyz).
  virtual bool ping() = 0;
  // True when no transaction is open and the connection is not known to be broken; cheap,
  // no round trip. The pool drops a connection that is returned while not idle.
  virtual bool idle() const = 0;

  // Convenience: query with an initializer list of values.
  Result<ResultSet> query(std::string_view sql, std::initializer_list<Value> params) {
    return query(sql, std::span<const Value>(params.begin(), params.size()));
  }
};

// Opens a connection from a URL: `sqlite:PATH` (file created when missing; WAL,
// synchronous=FULL, foreign keys on, busy timeout) or `postgresql://...` / `postgres://...`.
Result<std::unique_ptr<Connection>> connect(const std::string& url);

// Opens an existing SQLite file that nobody writes any more (a dataset version) for reading
// only: no pragma, no journal, no lock, nothing written beside it or into it (the file's bytes
// and the folder's listing stay as they are). unavailable when the file cannot be opened.
Result<std::unique_ptr<Connection>> open_immutable_sqlite(const std::string& path);

// Parses the dialect from a URL without connecting; invalid_argument for other schemes.
Result<Dialect> dialect_of(const std::string& url);

class Pool;

// A connection borrowed from a Pool; returned on destruction. Move-only.
class PooledConnection {
 public:
  PooledConnection(Pool* pool, std::unique_ptr<Connection> conn);
  PooledConnection(PooledConnection&&) noexcept;
  PooledConnection& operator=(PooledConnection&&) = delete;
  PooledConnection(const PooledConnection&) = delete;
  ~PooledConnection();
  Connection* operator->() const { return conn_.get(); }
  Connection& operator*() const { return *conn_; }

 private:
  Pool* pool_;
  std::unique_ptr<Connection> conn_;
};

// A thread-safe pool of connections to one database. Connections are opened lazily up to
// `max_size`; acquire() waits up to `wait` for a free one, then returns unavailable.
// Broken connections are dropped and replaced. The pool must outlive every PooledConnection
// it hands out.
class Pool {
 public:
  Pool(std::string url, std::size_t max_size);
  ~Pool();
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  Result<PooledConnection> acquire(std::chrono::milliseconds wait = std::chrono::seconds(5));
  Dialect dialect() const { return dialect_; }
  const std::string& url() const { return url_; }

 private:
  friend class PooledConnection;
  void release(std::unique_ptr<Connection> conn);
  struct State;
  std::string url_;
  Dialect dialect_ = Dialect::sqlite;
  std::size_t max_size_;
  std::unique_ptr<State> state_;
};

// Expands the portable type markers {{ID}} and {{BLOB}} for `dialect`; for DDL run outside
// migrations (e.g. tables created when a dataset version is published).
std::string expand_type_markers(std::string_view sql, Dialect dialect);

// Runs `fn` inside a transaction: commit when it returns ok, roll back otherwise (also when
// it throws; the exception is rethrown). Transactions do not nest.
Result<void> transaction(Connection& conn, const std::function<Result<void>()>& fn);

// A transaction in progress: the connection it runs on and the work to do once it has committed.
// Functions whose writes must commit together with their caller's take a Tx& and never open a
// transaction of their own (on SQLite a second connection would wait for this one's lock).
// Not thread-safe: one Tx belongs to the thread running the transaction.
class Tx {
 public:
  explicit Tx(Connection& conn) : conn_(conn) {}
  Tx(const Tx&) = delete;
  Tx& operator=(const Tx&) = delete;
  Connection& conn() { return conn_; }
  Connection* operator->() { return &conn_; }
  // `fn` runs after a successful commit, in registration order; never after a rollback. Use it
  // for in-memory effects (callbacks, caches) that must not happen for work rolled back.
  void after_commit(std::function<void()> fn) { after_.push_back(std::move(fn)); }

 private:
  friend Result<void> with_tx(Connection&, const std::function<Result<void>(Tx&)>&);
  Connection& conn_;
  std::vector<std::function<void()>> after_;
};

// Like transaction(), handing `fn` a Tx; its after-commit work runs once the commit succeeded.
Result<void> with_tx(Connection& conn, const std::function<Result<void>(Tx&)>& fn);

// Versioned migrations. Each migration has a version number, a name and portable SQL
// (with {{ID}} / {{BLOB}}). Applied versions are recorded in table `schema_migrations`;
// migrate() applies the missing ones in order, each in its own transaction, and is safe
// to run again. On PostgreSQL it takes an advisory lock so two processes do not race.
struct Migration {
  int version;
  std::string name;
  std::string sql;
};

// Modules register their migrations (at static-init time or explicitly) in this registry.
void register_migrations(std::vector<Migration> migrations);
const std::vector<Migration>& registered_migrations();

// Applies every missing registered migration; returns the number applied.
Result<int> migrate(Connection& conn);
// Same for an explicit list (tests, tools); versions must be unique and positive.
Result<int> migrate(Connection& conn, std::span<const Migration> migrations);
// The highest applied version (0 for a new database).
Result<int> schema_version(Connection& conn);
// Registered migrations not applied yet (a module may add one below the highest applied).
Result<std::vector<int>> missing_migrations(Connection& conn);

}  // namespace kf::db
