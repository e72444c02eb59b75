// Which deployment a database is, and which deployment a storage folder belongs to (issue 12
// item 1). A SQLite deployment keeps one file per dataset version in a folder that is found
// from the database's path; a second database beside the first, or a mistyped `--db`, would
// find the same folder. The folder therefore names its owner in a marker file, and a database
// of another deployment refuses to use it; files no version refers to are moved aside into
// `orphans/<date>/`, never deleted by a start.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"

namespace kf::catalog {

// The marker's file name inside a storage folder.
inline constexpr const char* kStorageMarker = "kaifang-storage.toml";
// Where unknown files are moved: `<storage>/orphans/<YYYY-MM-DD>/` (China date).
inline constexpr const char* kOrphansFolder = "orphans";

// The deployment identity of the database on `c`: a random name made the first time it is asked
// for and kept in table `catalog_deployment` (migration 202) from then on. Processes asking at
// the same time get the same answer. Errors: the database's. Never logged as a secret: it is
// only a name.
Result<std::string> deployment_id(db::Connection& c, std::int64_t now_ms);

// What a storage folder's marker says.
struct StorageMarker {
  std::string deployment;  // deployment_id() of the owner
  std::string database;    // the database it serves, as the operator names it (never a password)
  std::string claimed_at;  // China time of the claim, for the operator
};

// The marker of folder `dir`; nullopt when there is none. A marker that cannot be read or does
// not name a deployment is an error (conflict, message in Chinese naming the file): it is never
// silently replaced.
Result<std::optional<StorageMarker>> read_storage_marker(const std::string& dir);

// Writes the marker of `dir` (which must exist) through a temporary file. `replace` false: only
// when there is none yet, atomically (returns false, writing nothing, when another process
// created one first); true: replaces the present one atomically (returns true).
Result<bool> write_storage_marker(const std::string& dir, const StorageMarker& m, bool replace);

// A database URL as the marker and messages show it: `sqlite:` with an absolute path; a
// PostgreSQL URL without its password (user-info password and `password=` parameter dropped).
std::string database_label(const std::string& db_url);

// Files of a storage folder moved aside by a sweep.
struct OrphanMove {
  int moved = 0;
  std::string folder;  // where they went (empty when none moved)
  int failed = 0;       // files that could not be moved (they stay where they were)
  std::string failure;  // why the first of them could not, for the log
};

// Moves the files `names` of folder `dir` into `dir/orphans/<China date of now_ms>/`, keeping
// their names (a name already taken there gets a numeric suffix). Nothing is deleted; a file
// that cannot be moved stays where it is and is counted in `failed`. Error: the dated folder
// cannot be created (nothing moved).
Result<OrphanMove> move_orphans(const std::string& dir, const std::vector<std::string>& names,
                                std::int64_t now_ms);

}  // namespace kf::catalog
