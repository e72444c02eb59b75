// PostgreSQL driver over libpq: text-format parameters through PQexecParams, results
// converted by column type.
#include "db/postgres/pg_connection.h"

#include <libpq-fe.h>

#include <algorithm>
#include <array>
#include <charconv>

#include "db/postgres/pg_values.h"
#include "db/postgres/placeholders.h"

namespace kf::db {
namespace {

constexpr const char* kDbMessage = "数据库错误";
constexpr const char* kConflictMessage = "数据已存在或与现有数据冲突";
constexpr const char* kBusyMessage = "数据库繁忙，请稍后重试";
constexpr const char* kUnavailableMessage = "数据库暂时不可用，请稍后重试";

struct ConnCloser {
  void operator()(PGconn* conn) const { PQfinish(conn); }
};
struct ResultClearer {
  void operator()(PGresult* res) const { PQclear(res); }
};
using ConnPtr = std::unique_ptr<PGconn, ConnCloser>;
using ResultPtr = std::unique_ptr<PGresult, ResultClearer>;

// NOTICEs (e.g. "table does not exist, skipping") are not errors; libpq would print them
// to stderr, which is the log's business, not the driver's.
void ignore_notice(void* /*arg*/, const char* /*message*/) {}

std::string clip(std::string_view sql) {
  constexpr std::size_t kMax = 300;
  return sql.size() <= kMax ? std::string(sql) : std::string(sql.substr(0, kMax)) + "...";
}

std::string chomp(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

std::string field(const PGresult* res, int code) {
  const char* v = res != nullptr ? PQresultErrorField(res, code) : nullptr;
  return v != nullptr ? v : "";
}

Error usage_error(std::string detail) {
  return {ErrorCode::internal, kDbMessage, std::move(detail), {}};
}

// The detail holds SQLSTATE, the primary message and the constraint, but not the server's
// DETAIL line: that one quotes the offending values (personal data must not reach the log).
Error error_from(PGconn* conn, const PGresult* res, std::string_view sql) {
  const std::string state = field(res, PG_DIAG_SQLSTATE);
  std::string detail = "postgres";
  if (!state.empty()) detail += " " + state;
  const std::string primary = field(res, PG_DIAG_MESSAGE_PRIMARY);
  detail += ": " + (primary.empty() ? chomp(PQerrorMessage(conn)) : primary);
  if (const std::string c = field(res, PG_DIAG_CONSTRAINT_NAME); !c.empty()) {
    detail += " (constraint " + c + ")";
  }
  if (!sql.empty()) detail += " in: " + clip(sql);

  const std::string_view cls =
      std::string_view(state).substr(0, std::min<std::size_t>(2, state.size()));
  if (PQstatus(conn) == CONNECTION_BAD || cls == "08" || cls == "53" || state == "57P01" ||
      state == "57P02" || state == "57P03") {
    return Error::unavailable(kUnavailableMessage, std::move(detail));
  }
  if (cls == "23") return {ErrorCode::conflict, kConflictMessage, std::move(detail), {}};
  // Retrying later is the answer to these: serialization failure, deadlock, lock not
  // available, statement timeout.
  if (state == "40001" || state == "40P01" || state == "55P03" || state == "57014") {
    return Error::unavailable(kBusyMessage, std::move(detail));
  }
  return {ErrorCode::internal, kDbMessage, std::move(detail), {}};
}

std::int64_t affected_rows(const PGresult* res) {
  const std::string_view tag = PQcmdStatus(const_cast<PGresult*>(res));
  // Only data-changing statements count, as on SQLite (PQcmdTuples also counts SELECT).
  if (!tag.starts_with("INSERT") && !tag.starts_with("UPDATE") && !tag.starts_with("DELETE") &&
      !tag.starts_with("MERGE")) {
    return 0;
  }
  const std::string_view n = PQcmdTuples(const_cast<PGresult*>(res));
  std::int64_t v = 0;
  std::from_chars(n.data(), n.data() + n.size(), v);
  return v;
}

// Bulk loading with COPY … FROM STDIN in text format, sent in batches of about 256 KB.
class PgBulkWriter final : public BulkWriter {
 public:
  PgBulkWriter(PGconn* conn, std::size_t columns) : conn_(conn), columns_(columns) {
    buf_.reserve(kBatch + 4096);
  }
  ~PgBulkWriter() override {
    if (!finished_) {
      PQputCopyEnd(conn_, "aborted");
      while (ResultPtr r{PQgetResult(conn_)}) {
      }
    }
  }

  Result<void> append(std::span<const Value> row) override {
    if (row.size() != columns_) return usage_error("bulk row has the wrong number of values");
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i) buf_ += '\t';
      const Value& v = row[i];
      if (const auto* n = std::get_if<std::int64_t>(&v)) {
        buf_ += std::to_string(*n);
      } else if (const auto* d = std::get_if<double>(&v)) {
        char tmp[64];
        auto [end, ec] = std::to_chars(tmp, tmp + sizeof tmp, *d);
        buf_.append(tmp, ec == std::errc() ? end : tmp);
      } else if (const auto* s = std::get_if<std::string>(&v)) {
        for (char c : *s) {
          switch (c) {
            case '\\': buf_ += "\\\\"; break;
            case '\t': buf_ += "\\t"; break;
            case '\n': buf_ += "\\n"; break;
            case '\r': buf_ += "\\r"; break;
            default: buf_ += c;
          }
        }
      } else {
        buf_ += "\\N";
      }
    }
    buf_ += '\n';
    if (buf_.size() >= kBatch) return flush();
    return ok();
  }

  Result<void> finish() override {
    KF_TRY(flush());
    finished_ = true;
    if (PQputCopyEnd(conn_, nullptr) != 1) return error_from(conn_, nullptr, "COPY end");
    Result<void> out;
    while (ResultPtr r{PQgetResult(conn_)}) {
      if (PQresultStatus(r.get()) != PGRES_COMMAND_OK) out = error_from(conn_, r.get(), "COPY");
    }
    return out;
  }

 private:
  static constexpr std::size_t kBatch = 256 * 1024;
  Result<void> flush() {
    if (buf_.empty()) return ok();
    if (PQputCopyData(conn_, buf_.data(), static_cast<int>(buf_.size())) != 1) {
      return error_from(conn_, nullptr, "COPY data");
    }
    buf_.clear();
    return ok();
  }
  PGconn* conn_;
  std::size_t columns_;
  std::string buf_;
  bool finished_ = false;
};

class PgConnection;

// A server-side cursor fetched in batches; the transaction it needs ends with the cursor.
class PgCursor final : public Cursor {
 public:
  explicit PgCursor(Connection& conn) : conn_(conn) {}
  ~PgCursor() override { (void)conn_.rollback(); }
  Result<bool> next(std::vector<Value>& row) override {
    if (pos_ >= batch_.rows.size()) {
      if (done_) return false;
      KF_ASSIGN(batch_, conn_.query("FETCH 2000 FROM kf_cursor", std::span<const Value>{}));
      pos_ = 0;
      done_ = batch_.rows.size() < 2000;
      if (batch_.rows.empty()) return false;
    }
    const Row& r = batch_.rows[pos_++];
    row.resize(r.size());
    for (std::size_t i = 0; i < r.size(); ++i) row[i] = r.at(i);
    return true;
  }

 private:
  Connection& conn_;
  ResultSet batch_;
  std::size_t pos_ = 0;
  bool done_ = false;
};

class PgConnection final : public Connection {
 public:
  explicit PgConnection(ConnPtr conn) : conn_(std::move(conn)) {}

  Dialect dialect() const override { return Dialect::postgres; }
  using Connection::query;
  Result<ResultSet> query(std::string_view sql, std::span<const Value> params) override;
  Result<void> exec_script(std::string_view sql) override;
  Result<void> begin() override { return exec_script("BEGIN"); }
  Result<void> commit() override;
  Result<void> rollback() override {
    return PQtransactionStatus(conn_.get()) == PQTRANS_IDLE ? ok() : exec_script("ROLLBACK");
  }
  bool ping() override;
  bool idle() const override {
    return PQstatus(conn_.get()) == CONNECTION_OK &&
           PQtransactionStatus(conn_.get()) == PQTRANS_IDLE;
  }
  Result<std::unique_ptr<BulkWriter>> bulk_create(const std::string& table,
                                                  const std::vector<BulkColumn>& columns) override;
  Result<std::unique_ptr<Cursor>> open_cursor(std::string_view sql, std::span<const Value> params) override {
    KF_TRY(begin());
    auto declared = query("DECLARE kf_cursor NO SCROLL CURSOR FOR " + std::string(sql), params);
    if (!declared) {
      (void)rollback();
      return declared.error();
    }
    return std::unique_ptr<Cursor>(std::make_unique<PgCursor>(*this));
  }

 private:
  Result<ResultSet> read(ResultPtr res, std::string_view sql);
  // Prepares the unnamed statement to learn parameter types; see needs_param_types().
  ResultPtr exec_typed(const std::string& sql, PgParams& params);

  ConnPtr conn_;
};

Result<ResultSet> PgConnection::query(std::string_view sql, std::span<const Value> params) {
  const RewrittenSql rewritten = rewrite_placeholders(sql);
  if (static_cast<std::size_t>(rewritten.params) != params.size()) {
    return usage_error("statement has " + std::to_string(rewritten.params) + " parameters, got " +
                       std::to_string(params.size()) + ": " + clip(sql));
  }
  PgParams p(params);
  if (needs_param_types(params)) return read(exec_typed(rewritten.sql, p), sql);
  ResultPtr res(PQexecParams(conn_.get(), rewritten.sql.c_str(), p.count(), nullptr, p.values(),
                             p.lengths(), p.formats(), 0));
  return read(std::move(res), sql);
}

ResultPtr PgConnection::exec_typed(const std::string& sql, PgParams& params) {
  ResultPtr prepared(PQprepare(conn_.get(), "", sql.c_str(), params.count(), nullptr));
  if (PQresultStatus(prepared.get()) != PGRES_COMMAND_OK) return prepared;
  ResultPtr described(PQdescribePrepared(conn_.get(), ""));
  if (PQresultStatus(described.get()) != PGRES_COMMAND_OK) return described;
  for (int i = 0; i < params.count() && i < PQnparams(described.get()); ++i) {
    params.set_type(i, PQparamtype(described.get(), i));
  }
  return ResultPtr(PQexecPrepared(conn_.get(), "", params.count(), params.values(),
                                  params.lengths(), params.formats(), 0));
}

Result<ResultSet> PgConnection::read(ResultPtr res, std::string_view sql) {
  ResultSet rs;
  switch (PQresultStatus(res.get())) {
    case PGRES_EMPTY_QUERY:
      return rs;
    case PGRES_COMMAND_OK:
      rs.affected = affected_rows(res.get());
      return rs;
    case PGRES_TUPLES_OK:
      break;
    default:
      return error_from(conn_.get(), res.get(), sql);
  }
  const int ncols = PQnfields(res.get());
  const int nrows = PQntuples(res.get());
  std::vector<Oid> types;
  for (int c = 0; c < ncols; ++c) {
    rs.columns.emplace_back(PQfname(res.get(), c));
    types.push_back(PQftype(res.get(), c));
  }
  rs.rows.reserve(static_cast<std::size_t>(nrows));
  for (int r = 0; r < nrows; ++r) {
    std::vector<Value> cells;
    cells.reserve(static_cast<std::size_t>(ncols));
    for (int c = 0; c < ncols; ++c) {
      if (PQgetisnull(res.get(), r, c) != 0) {
        cells.emplace_back(std::monostate{});
      } else {
        cells.push_back(decode_pg_value(
            types[static_cast<std::size_t>(c)],
            std::string_view(PQgetvalue(res.get(), r, c),
                             static_cast<std::size_t>(PQgetlength(res.get(), r, c)))));
      }
    }
    rs.rows.emplace_back(std::move(cells));
  }
  rs.affected = affected_rows(res.get());  // INSERT … RETURNING
  return rs;
}

Result<void> PgConnection::exec_script(std::string_view sql) {
  const std::string script(sql);  // PQexec wants a NUL-terminated string
  ResultPtr res(PQexec(conn_.get(), script.c_str()));
  const ExecStatusType status = PQresultStatus(res.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY) {
    return error_from(conn_.get(), res.get(), sql);
  }
  return ok();
}

Result<void> PgConnection::commit() {
  ResultPtr res(PQexec(conn_.get(), "COMMIT"));
  if (PQresultStatus(res.get()) != PGRES_COMMAND_OK) {
    return error_from(conn_.get(), res.get(), "COMMIT");
  }
  // COMMIT of a transaction in which a statement failed "succeeds" with the tag ROLLBACK;
  // the caller believed its writes were kept, so this is an error.
  if (std::string_view(PQcmdStatus(res.get())) == "ROLLBACK") {
    return usage_error("COMMIT rolled back: a statement in the transaction had failed");
  }
  return ok();
}

bool PgConnection::ping() {
  if (PQstatus(conn_.get()) != CONNECTION_OK) return false;
  ResultPtr res(PQexec(conn_.get(), "SELECT 1"));
  return PQresultStatus(res.get()) == PGRES_TUPLES_OK;
}

}  // namespace

Result<std::unique_ptr<Connection>> open_postgres(const std::string& url) {
  // Entries before "dbname" (which expands the URL) are defaults the URL may override;
  // entries after it win over the URL. The driver relies on UTF-8, so that one is forced.
  const std::array<const char*, 5> keys = {"connect_timeout", "application_name", "dbname",
                                           "client_encoding", nullptr};
  const std::array<const char*, 5> values = {"5", "kaifang", url.c_str(), "UTF8", nullptr};
  ConnPtr conn(PQconnectdbParams(keys.data(), values.data(), 1));
  if (!conn) return Error::unavailable(kUnavailableMessage, "postgres connect: out of memory");
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    // libpq's message names host and user but never the password.
    return Error::unavailable(kUnavailableMessage,
                              "postgres connect: " + chomp(PQerrorMessage(conn.get())));
  }
  PQsetNoticeProcessor(conn.get(), ignore_notice, nullptr);
  return std::unique_ptr<Connection>(std::make_unique<PgConnection>(std::move(conn)));
}

}  // namespace kf::db

namespace kf::db {

Result<std::unique_ptr<BulkWriter>> PgConnection::bulk_create(const std::string& table,
                                                             const std::vector<BulkColumn>& columns) {
  if (columns.empty()) return usage_error("bulk table without columns");
  std::string ddl = "CREATE TABLE " + table + " (";
  std::string copy = "COPY " + table + " FROM STDIN";
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const char* type = columns[i].type == BulkColumn::Type::integer ? "BIGINT"
                       : columns[i].type == BulkColumn::Type::real  ? "DOUBLE PRECISION"
                                                                    : "TEXT";
    ddl += (i ? ", \"" : "\"") + columns[i].name + "\" " + type;
  }
  ddl += ")";
  KF_TRY(exec_script(ddl));
  ResultPtr res(PQexec(conn_.get(), copy.c_str()));
  if (PQresultStatus(res.get()) != PGRES_COPY_IN) return error_from(conn_.get(), res.get(), copy);
  return std::unique_ptr<BulkWriter>(std::make_unique<PgBulkWriter>(conn_.get(), columns.size()));
}

}  // namespace kf::db
