// A catalog entry (CAT-1) with its data dictionary (CAT-2), and its JSON form.
// The JSON form is the one stored (column `doc`), kept in history and served by the API.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/dictionary.h"
#include "core/error.h"

namespace kf::catalog {

inline constexpr const char* kFrequencies[] = {"realtime",  "daily",      "weekly", "monthly",
                                               "quarterly", "halfyearly", "yearly", "irregular"};
inline constexpr const char* kOpenAttributes[] = {"unconditional", "conditional", "not_open"};
inline constexpr const char* kShareAttributes[] = {"unconditional", "conditional", "none"};
inline constexpr const char* kDataTypes[] = {"table", "file", "api"};
inline constexpr const char* kStates[] = {"draft", "submitted", "published", "suspended", "withdrawn"};

// What a provider describes. Everything here is edited through the API and recorded in history.
struct EntryMeta {
  std::string code;
  std::string name;
  std::string summary;
  std::string department;
  std::string domain;
  std::vector<std::string> keywords;
  std::string region_code;
  std::vector<std::string> formats;
  std::string data_type = "table";
  std::string update_frequency = "irregular";
  std::string open_attribute = "unconditional";
  std::string open_conditions;
  std::string legal_basis;
  std::string share_attribute = "unconditional";
  std::string share_conditions;
  std::string security_level = "L1";
  std::string usage_requirements;
  std::string source_system;
  std::string contact;
  std::string database_group;
  bool contains_personal_data = false;
  // Re-identification check at publication (MSK-5): rows whose quasi-identifier values, as
  // published, are shared by fewer than k rows are left out of the published copy. 0: off.
  std::vector<std::string> quasi_identifiers;
  int k_anonymity = 0;
  std::vector<core::Field> fields;
};

// An entry as stored: the description plus what the platform maintains.
struct Entry {
  std::int64_t id = 0;
  std::int64_t provider_id = 0;
  std::string provider_name;
  std::string provider_kind;  // the organisation's kind: authority | provider | enterprise | institution | other
  std::string provider_region_code;  // the organisation's region (GB/T 2260)
  std::string region_name;
  std::string state = "draft";
  int revision = 0;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  std::optional<std::int64_t> published_at;
  std::optional<std::int64_t> published_version_id;
  std::optional<std::int64_t> data_updated_at;  // when the published data last changed
  std::int64_t downloads = 0;
  std::optional<std::int64_t> row_count;
  EntryMeta meta;
  // Industry and social data (社会数据, CAT-7): published by enterprises and other non-public
  // bodies (private universities, research institutes, social organisations: kind "other").
  // Public-service institutions (事业单位, kind "institution": hospitals, public utilities,
  // libraries, public universities) hold public data (公共数据) like departments do.
  bool non_government() const { return provider_kind == "enterprise" || provider_kind == "other"; }
};

// One difference between two revisions of an entry's description: `path` is a key, or
// "fields[NAME].key" for a dictionary attribute; values are JSON text ("" when absent).
struct Change {
  std::string path;
  std::string before;
  std::string after;
};
std::vector<Change> diff_meta(const boost::json::object& before, const boost::json::object& after);

// Checks the description: required fields, known enums, legal basis for conditional and
// not-open entries (CLS-2), conditions for conditional ones, no contradiction about personal
// data (check_personal_data_flag), dictionary consistency.
Result<void> validate(const EntryMeta& m);
// CLS-4 / CLS-6: an entry flagged "contains personal data" cannot at the same time be graded L1
// (public) and opened unconditionally. invalid_argument (slug personal_data_contradiction, field
// security_level) with a Chinese message naming the three fields.
Result<void> check_personal_data_flag(const EntryMeta& m);

// JSON of the description (the keys of docs/entry-format.md).
boost::json::object meta_to_json(const EntryMeta& m);
boost::json::object field_to_json(const core::Field& f);
// Parses a description; unknown keys are refused by name. `partial` keeps missing keys at
// their defaults (all keys are optional except code and name).
Result<EntryMeta> meta_from_json(const boost::json::object& o);
Result<std::vector<core::Field>> fields_from_json(const boost::json::value& v);
// The whole entry as the API shows it (description + platform fields; fields only if asked).
boost::json::object entry_to_json(const Entry& e, bool with_fields);

}  // namespace kf::catalog
