// Dataset versions (PUB-3): each accepted upload becomes an immutable table of typed rows.
// SQLite: one database file per version under the dataset directory, written aside and
// renamed into place before it is registered, so a crash never leaves a visible half version.
// PostgreSQL: a table in schema `data`, created, filled (COPY) and registered in one
// transaction.
#pragma once

#include <atomic>
#include <boost/json.hpp>
#include <cstdint>
#include <functional>
#include <map>
#include <span>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "catalog/storage.h"
#include "core/dictionary.h"
#include "db/database.h"
#include "mask/kanon.h"

namespace kf::catalog {

struct Version {
  std::int64_t id = 0;
  std::int64_t entry_id = 0;
  int number = 0;
  std::string state;  // ready | published | superseded
  std::int64_t row_count = 0;
  std::int64_t rejected_count = 0;
  std::vector<core::Field> columns;  // the dictionary the rows were validated against
  std::string sha256, encoding, format, source_name, storage, created_by;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> published_at;
  boost::json::object report;
  // The desensitized copy served to the public (MSK-6); empty when no column has a rule.
  std::string masked_storage;
  std::vector<core::Field> masked_columns;
  std::string masked_rules;  // the rules it was made with (JSON object column → rule)
  // False when the version was read for someone outside the entry's staff: who uploaded it, the
  // uploaded file's name and hash and the import report are withheld (cleared) — the public
  // sees what was published, not the provider's working details (issue 12 item 8).
  bool provenance = true;
};

// The version as JSON; without created_by, source_name, sha256 and report when
// `provenance` is false.
boost::json::object version_to_json(const Version& v);

// SELECT of every dataset_versions column version_from_row() reads.
extern const char* const kVersionSelect;
Result<Version> version_from_row(const db::Row& r);

// The physical column name of dictionary column i (names from users are never used as SQL
// identifiers).
std::string physical_column(std::size_t i);
// "c0, c1, …" for the first n columns: a SELECT list of a version's rows.
std::string physical_columns(std::size_t n);
// How a dictionary type is stored in a version's table.
db::BulkColumn::Type storage_type(core::FieldType t);
// A stored value as the text users see (booleans as true / false; NULL as "").
std::string value_text(const db::Value& v, core::FieldType t);

// Where the rows of versions live, per dialect.
class VersionStore {
 public:
  virtual ~VersionStore() = default;

  // A version being written. commit() registers it by running `register_fn` (which inserts
  // the dataset_versions row) so that the rows and the row become visible together.
  class Writer {
   public:
    virtual ~Writer() = default;
    virtual Result<void> append(std::span<const db::Value> row) = 0;
    // `index_columns`: physical columns to index (the dictionary's key), so that lookups by
    // key in the data API do not scan the whole version.
    virtual Result<std::int64_t> commit(
        const std::function<Result<std::int64_t>(db::Connection&, const std::string& storage)>& register_fn,
        const std::vector<std::string>& index_columns) = 0;
  };
  virtual Result<std::unique_ptr<Writer>> begin(const std::vector<db::BulkColumn>& columns) = 0;

  // A version's rows opened for a long read (downloads): the connection stays with the handle.
  class Table {
   public:
    virtual ~Table() = default;
    virtual db::Connection& connection() = 0;
    virtual const std::string& name() const = 0;
  };
  virtual Result<std::unique_ptr<Table>> open(const std::string& storage) = 0;

  // Runs `fn` with a connection on which the version's rows are table `table`.
  virtual Result<void> read(const std::string& storage,
                            const std::function<Result<void>(db::Connection&, const std::string& table)>& fn) = 0;
  // Makes sure the storage belongs to this database's deployment (storage.h), once per store;
  // begin() and sweep() call it before they touch the storage. SQLite: the folder's marker must
  // name this deployment; without a marker the folder is taken over (marker written) when it
  // holds no version file or at least one this database refers to. conflict, with a Chinese
  // message naming the folder, its owner's database and what to do (--storage, [storage] dir),
  // when it belongs to another deployment; nothing in the folder is changed then.
  // PostgreSQL: always ok — versions are tables of the database itself.
  virtual Result<void> claim() = 0;
  // Moves aside leftovers of interrupted ingests (files no version refers to) that were last
  // written at least `min_age_ms` ago: with several processes on one storage directory, a
  // younger file may be a version another process is writing right now. They go into
  // `orphans/<date>/` of the storage folder; nothing is deleted. Claims the storage first (an
  // error when it belongs to another deployment: nothing moved). PostgreSQL: nothing to do —
  // an interrupted ingest's table was rolled back with its transaction.
  virtual Result<OrphanMove> sweep(std::int64_t min_age_ms = 0) = 0;
};

// `database`: the database as the storage marker names it (database_label()).
std::unique_ptr<VersionStore> make_version_store(db::Pool& pool, const std::string& dataset_dir,
                                                 const std::string& database);

// --- ingestion (import.cpp)

struct ImportRequest {
  std::string path;         // the uploaded file (read, never modified)
  std::string source_name;  // the name the uploader gave it
  std::string sheet;        // XLSX: sheet name; empty = first
  bool quarantine = false;  // false: any bad row rejects the file; true: keep valid rows
  bool publish = false;     // publish the new version at once (admin / authority)
  std::string rejected_csv; // where to write the rejected rows (may be empty: not written)
  // Called in the transaction that registers the new version, before the row is written; an
  // error aborts the import with nothing visible. Background jobs confirm with it that they
  // still own their job, so an attempt that was taken over never adds a version.
  std::function<Result<void>(db::Connection&)> fence;
};

// Live counters of a running ingest; read from other threads.
struct ImportProgress {
  std::atomic<std::int64_t> rows_read{0};
  std::atomic<std::int64_t> accepted{0};
  std::atomic<std::int64_t> rejected{0};
  std::atomic<std::uint64_t> bytes_read{0};
  std::atomic<std::uint64_t> total_bytes{0};
  std::atomic<std::int64_t> started_ms{0};
};

struct ImportResult {
  std::string state;  // succeeded | rejected | proposed (no dictionary: a proposal, no version)
  std::string message;
  std::optional<std::int64_t> version_id;
  boost::json::object report;
  std::optional<std::vector<core::Field>> proposed_fields;
};

struct MaskPreviewRequest {
  std::optional<std::int64_t> version_id;   // default: the newest version
  std::map<std::string, std::string> rules; // column → rule text ("" = no rule)
  std::vector<std::string> quasi_identifiers;
  std::size_t k = 5;
  int limit = 10;
};

struct MaskPreview {
  std::int64_t version_id = 0;
  std::vector<std::string> columns;
  std::map<std::string, std::string> rules;          // the rules applied, per column
  std::vector<std::vector<std::string>> before, after;
  std::optional<mask::KAnonymityReport> k_anonymity;  // when quasi-identifiers were given
};

// Fields graded sensitive (L3, L4) need a desensitization rule before the entry is opened
// (CLS-4, CLS-6); every rule must parse. invalid_argument (slug mask_rule_missing /
// invalid) naming the field.
Result<void> check_mask_rules(const std::vector<core::Field>& fields);
bool is_sensitive_grade(std::string_view grade);

struct Preview {
  std::vector<std::string> columns;
  std::vector<std::vector<db::Value>> rows;
  std::optional<std::int64_t> version_id;
};

}  // namespace kf::catalog
