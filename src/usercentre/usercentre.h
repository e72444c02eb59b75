// The user centre (issue 7, item 2): a signed-in user's favourites, subscriptions ("notify me
// when this dataset updates") and download history. Subscribers hear about a new published
// version through an inbox notification of kind `dataset_updated` (the workflow inbox).
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "catalog/service.h"
#include "notify/notify.h"
#include "core/clock.h"
#include "core/error.h"
#include "db/database.h"

namespace kf::usercentre {

// The two ways of following an entry; each has its own table of the same shape.
enum class Follow { favourite, subscription };

// An entry the user follows, as the user centre lists it.
struct FollowedEntry {
  std::string code;
  std::string name;
  std::string provider;
  std::string state;        // the entry's state now (published, suspended, withdrawn …)
  std::int64_t since = 0;   // when the user started following it
  std::optional<std::int64_t> data_updated_at;
  bool available() const { return state == "published"; }
};

// One download of a published version by a signed-in user. No data values.
struct DownloadRecord {
  std::int64_t id = 0;
  std::string entry_code;
  std::string entry_name;   // the entry's name at the time of the download
  std::int64_t version_id = 0;
  std::optional<int> version_number;  // of the version, when it still exists
  std::string format;       // csv | json | xlsx
  std::int64_t rows = 0;
  std::int64_t at = 0;
};

struct DownloadPage {
  std::vector<DownloadRecord> items;  // newest first
  std::int64_t total = 0;
  int page = 1, size = 20;
};

struct FollowState {
  bool favourite = false;
  bool subscribed = false;
};

// Thread-safe; every call reads or writes the database. Users are identified by id only: the
// caller (the API) passes the signed-in user's id, so nobody reaches another user's records.
class UserCentreService {
 public:
  // Messages to subscribers go through `notifier`, which must outlive the service.
  UserCentreService(db::Pool& pool, const core::Clock& clock, catalog::CatalogService& catalog,
                    notify::Notifier& notifier);

  // Records a download (called when the download starts).
  Result<void> record_download(std::int64_t user_id, const std::string& entry_code, const std::string& entry_name,
                               std::int64_t version_id, const std::string& format, std::int64_t rows);
  // The user's downloads, newest first; `page` from 1, `size` 1–100.
  Result<DownloadPage> downloads(std::int64_t user_id, int page, int size);

  // Follows a published entry (again: nothing changes). not_found for unknown entries and for
  // entries that are not published.
  Result<FollowedEntry> follow(std::int64_t user_id, Follow kind, const std::string& code);
  // Stops following; also for entries no longer published. not_found for unknown entry codes.
  Result<void> unfollow(std::int64_t user_id, Follow kind, const std::string& code);
  // Followed entries, most recent first (at most 1,000).
  Result<std::vector<FollowedEntry>> followed(std::int64_t user_id, Follow kind);
  // Whether the user follows an entry; both false for unknown codes.
  Result<FollowState> state(std::int64_t user_id, const std::string& code);

  // Writes one `dataset_updated` inbox notification per subscriber of `e` about `version_id`,
  // in one transaction; returns how many.
  Result<int> notify_subscribers(const catalog::Entry& e, std::int64_t version_id);
  // The catalog's "version published" callback: notify_subscribers, failures logged (the
  // publication itself has already happened and stays).
  void on_version_published(const catalog::Entry& e, std::int64_t version_id);

 private:
  db::Pool& pool_;
  const core::Clock& clock_;
  catalog::CatalogService& catalog_;
  notify::Notifier& notifier_;
};

// Migrations 600–699.
std::vector<db::Migration> migrations();

boost::json::object to_json(const FollowedEntry& f);
boost::json::object to_json(const DownloadRecord& d);

// The inbox kind of an update notification.
inline constexpr const char* kDatasetUpdated = "dataset_updated";

}  // namespace kf::usercentre
