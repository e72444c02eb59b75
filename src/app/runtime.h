// Opens everything a command needs: configuration, database pool, region table, services.
#pragma once

#include <memory>
#include <string>

#include "access/decision.h"
#include "access/licence.h"
#include "access/service.h"
#include "calendar/calendar_store.h"
#include "catalog/jobs.h"
#include "catalog/service.h"
#include "core/brand.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/messages.h"
#include "core/regions.h"
#include "db/database.h"
#include "jobs/runner.h"
#include "notify/notify.h"
#include "policy/profile.h"
#include "apply/apply.h"
#include "oidc/oidc.h"
#include "openlist/openlist.h"
#include "review/review.h"
#include "workflow/workflow.h"
#include "usercentre/usercentre.h"

namespace kf::app {

struct GlobalOptions {
  std::string db = "sqlite:var/kaifang.db";
  std::string config_file;
  std::string data_dir;  // empty: found next to the sources / installed data
  std::string storage_dir;  // --storage: overrides [storage] dir (version files and work files)
};

struct Runtime {
  core::Config config;
  core::SystemClock system_clock;
  const core::Clock* clock = &system_clock;  // tests put a ManualClock here
  // The settable scenario test clock (`serve --test-clock`, [testing] allow_test_clock): the same
  // object as `clock`; when set, the HTTP service adds POST /api/v1/testing/clock.
  core::ManualClock* test_clock = nullptr;
  core::RegionTable regions;
  access::Licence licence;                    // the open-data licence users accept (ACC-1)
  policy::Profile policy;                     // the policy profile named by [policy] profile (§14)
  core::MessageCatalogue english;             // English texts of the API's error messages (data/i18n/)
  core::Brand brand;                          // [brand]: name, contact, logo of the portal (issue 12)
  std::unique_ptr<db::Pool> pool;
  std::unique_ptr<access::AccessService> access;
  std::unique_ptr<catalog::CatalogService> catalog;
  std::unique_ptr<catalog::IngestJobs> jobs;  // uploads as "ingest" jobs; only for `serve` (start_jobs)
  std::unique_ptr<calendar::CalendarService> calendar;  // data/holidays + database overrides
  std::unique_ptr<workflow::WorkingDays> working_days;  // the calendar as the workflow sees it
  std::unique_ptr<workflow::Directory> directory;       // organisations and roles as the workflow sees them
  std::unique_ptr<notify::Notifier> notifier;           // inbox and e-mail of every module
  std::unique_ptr<workflow::Engine> workflow;           // cases, timers, inbox (issue 6)
  std::unique_ptr<review::ReviewService> review;        // publication review, change requests
  std::unique_ptr<openlist::OpenListService> open_lists;  // annual open list and plan (CAT-5)
  std::unique_ptr<usercentre::UserCentreService> usercentre;  // favourites, subscriptions, downloads
  std::unique_ptr<apply::ApplyService> apply;  // conditional data: applications, agreements, grants
  std::unique_ptr<oidc::OidcClient> oidc;      // [oidc] sign-in through an identity provider (disabled when unset)
  std::string data_dir;                       // reference data (regions/, demo/ …)
  // Where the access decision finds grants (conditional-data applications, share grants …);
  // sources are added here when the runtime is assembled (today: apply::GrantStore).
  access::GrantRegistry grants;
  // The job runner ([jobs] threads, lease_s, poll_ms); only for `serve` (start_jobs). Last, so
  // it is destroyed first: its workers stop before the services their handlers use go away.
  std::unique_ptr<kf::jobs::JobRunner> runner;

  // Starts the job runner with the handlers of every job kind (today: ingest), and moves aside
  // version files no version refers to (ingests that died long ago) into the storage folder's
  // orphans/<date>/, logging their count and that folder. Jobs other processes run are left
  // alone. Nothing is moved when the storage belongs to another deployment (claim_storage()).
  void start_jobs();

  // Checks that the storage folder belongs to this database's deployment, taking it over when
  // it has no owner yet (catalog::VersionStore::claim). `serve` and the commands that write
  // versions call it before they start, and stop with its message (Chinese: the folder, its
  // owner, what to do) when it fails.
  Result<void> claim_storage();
};

enum class SchemaMode {
  migrate,  // apply missing migrations (init, migrate, serve)
  require,  // refuse to run on a database that is not up to date
};

// `clock`, when given, must outlive the runtime (tests pass a ManualClock).
Result<std::unique_ptr<Runtime>> open_runtime(const GlobalOptions& opts, SchemaMode mode,
                                              std::size_t pool_size = 4,
                                              const core::Clock* clock = nullptr);

// Registers the migrations of every module with the db registry (idempotent).
void register_all_migrations();

// Version files and work files: under `storage_dir` ([storage] dir) when given, else beside a
// SQLite database file, or ./var with PostgreSQL.
std::string dataset_dir(const std::string& db_url, const std::string& storage_dir);
std::string work_dir(const std::string& db_url, const std::string& storage_dir);

// The folder holding regions/, holidays/, policies/ …
std::string find_data_dir(const std::string& given);

// Where the deployment secret lives for this database and configuration.
std::string secret_path(const core::Config& cfg, const std::string& db_url);

}  // namespace kf::app
