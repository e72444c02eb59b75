// The demo city (issue 3 item 10): catalog entries of 潍坊市 with their data dictionaries, read
// from data/demo/entries/*.toml (format: docs/entry-format.md), the organisations and accounts
// of data/demo/orgs.toml, and a deterministic generator of each entry's rows (the [generator]
// table; language in src/demo/README.md). Same seed, same bytes, on every machine.
//
// Calls only core. Thread safety: loaded values are plain data; a RowGenerator is used by one
// thread at a time (different generators may run in parallel).
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "core/dictionary.h"
#include "core/error.h"

namespace kf::demo {

struct FieldGenerator {
  std::string field;  // dictionary field name
  std::string spec;   // e.g. "seq:K{:03d}", "int:0..100;null=0.05"
};

struct GeneratorSpec {
  std::uint64_t rows = 0;
  std::uint64_t seed = 0;
  std::vector<FieldGenerator> fields;  // one per dictionary field, in dictionary order
};

struct DemoEntry {
  std::string toml_path;
  // The most used metadata, copied out of the table for convenience.
  std::string code;
  std::string name;
  std::string provider;
  std::string department;
  std::string domain;
  std::string region;
  std::string update_frequency;
  std::string open_attribute;   // unconditional | conditional | not_open
  std::string share_attribute;  // unconditional | conditional | none
  std::string security_level;   // L1 … L4
  std::string database_group;   // "" | basic:… | thematic:…
  std::vector<std::string> keywords;
  bool contains_personal_data = false;
  std::vector<core::Field> fields;  // the data dictionary, in column order
  GeneratorSpec generator;
  toml::table table;  // the whole entry as written, without [generator]

  const toml::table& entry_table() const { return table; }
};

// Reads and checks one entry file: required keys present, known values (frequency, open and
// share attributes, grades, groups), legal basis and conditions where CLS-2/CLS-3 want them,
// a valid dictionary, and a generator for every field that compiles. Unknown keys are refused.
// Errors are Error::invalid naming the file.
Result<DemoEntry> load_entry(const std::string& path);
// Every *.toml of `dir`, sorted by code; codes must be unique.
Result<std::vector<DemoEntry>> load_entries(const std::string& dir);

// Produces an entry's rows: one string per dictionary field, "" for null.
class RowGenerator {
 public:
  static Result<RowGenerator> create(const DemoEntry& entry);
  RowGenerator(RowGenerator&&) noexcept;
  RowGenerator& operator=(RowGenerator&&) noexcept;
  ~RowGenerator();

  const std::vector<std::string>& header() const;  // the field names
  // Fills `row` with the next row; false once rows() rows were produced.
  bool next(std::vector<std::string>& row);
  std::uint64_t rows() const;
  std::uint64_t produced() const;

 private:
  struct Impl;
  explicit RowGenerator(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Writes the header and the entry's rows (at most max_rows) as UTF-8 CSV without BOM: comma
// separated, CRLF line ends, fields quoted per RFC 4180 when they hold a comma, quote, CR or LF.
// I/O failures are Error::internal naming the path.
Result<void> write_csv(const DemoEntry& entry, const std::string& path,
                       std::uint64_t max_rows = std::numeric_limits<std::uint64_t>::max());
// Appends one CSV record (with CRLF) to `out`.
void append_csv_record(const std::vector<std::string>& fields, std::string& out);

// data/demo/orgs.toml
struct DemoDistrict {
  std::string code;
  std::string name;
  std::string kind;  // 市辖区 | 县 | 县级市
};
struct DemoOrg {
  std::string name;
  std::string kind;    // authority | provider | enterprise | institution | other
  std::string level;   // province | city | county
  std::string region;  // GB/T 2260
  std::string parent;  // name of an org listed before it, or ""
  std::string credit_code;           // enterprises and institutions: 统一社会信用代码 (may be "")
  std::string legal_representative;  // may be ""
};
struct DemoUser {
  std::string username;
  std::string password;
  std::string role;  // admin | authority | provider | user | sharer
  std::string org;   // "" or an org name
  bool cdo = false;
  bool commissioner = false;
  std::string who;   // Chinese description shown by `kaifang demo`
  // A real-name verification to record for the account (made-up name and identity number with a
  // valid check digit); empty: not verified.
  std::string real_name, id_number;
};
struct DemoOrgs {
  std::string city_code;
  std::string city_name;
  std::string province_code;
  std::vector<DemoDistrict> districts;
  std::vector<DemoOrg> orgs;    // parents before children
  std::vector<DemoUser> users;
};
Result<DemoOrgs> load_orgs(const std::string& path);

}  // namespace kf::demo
