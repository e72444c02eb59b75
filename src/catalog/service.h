// The catalog service: entries and their dictionaries (CAT-1, CAT-2), history (CAT-3), dataset
// versions and ingestion (PUB-1..3), search (CAT-6), one data one source (CAT-4) and due dates
// (PUB-6). Thread-safe. Permission checks happen here, against the Actor passed in.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "catalog/entry.h"
#include "catalog/personal.h"
#include "catalog/search.h"
#include "catalog/versions.h"
#include "core/clock.h"
#include "core/regions.h"
#include "db/database.h"
#include "mask/keys.h"
#include "mask/kanon.h"
#include "mask/scan.h"

namespace kf::catalog {

// Who acts. Built by the caller from the session, or by the CLI for an operator.
struct Actor {
  std::int64_t user_id = 0;
  std::string username;
  std::vector<std::string> roles;
  std::vector<std::int64_t> org_ids;
  bool is(std::string_view role) const;
  bool member_of(std::int64_t org_id) const;
  static Actor system(std::string name);  // the CLI and the demo loader act as admin
};

struct HistoryItem {
  int revision = 0;
  std::int64_t at = 0;
  std::string actor;
  std::string action;
  std::string reason;
  std::vector<Change> changes;  // against the previous revision
};

// One data, one source (CAT-4): `entry` repeats the key items of `source`, owned by another
// provider.
struct DuplicateFlag {
  std::string entry_code, entry_name, entry_provider;
  std::string source_code, source_name, source_provider;
  std::vector<std::string> items;
};

// What the access decision (access::decide, asked by the read path before it reads) allowed
// for one read of an entry's data. The catalog does not decide who may read data: it serves
// the published version's desensitized copy to every holder of a permit, and more only when
// the permit says so.
struct ReadPermit {
  bool staff_view = false;  // the entry's staff: any version, raw rows on request (audited)
  // A grant of some fields only: the reads serve these columns (dictionary names) and no other;
  // queries cannot even name the others. Absent: every column.
  std::optional<std::vector<std::string>> fields;
};

struct CatalogConfig {
  std::string dataset_dir;  // SQLite: where version files live
  std::string database;     // the database as the storage marker names it (database_label())
  std::string work_dir;     // uploads and rejected-row files
  mask::Keys mask_keys;     // keys of the keyed desensitization functions (never stored)
};

class CatalogService {
 public:
  CatalogService(db::Pool& pool, const core::Clock& clock, const core::RegionTable& regions,
                 CatalogConfig config);

  // --- entries (entries.cpp)
  // provider_id 0: the actor's only provider organisation.
  Result<Entry> create(const Actor& a, EntryMeta meta, std::int64_t provider_id);
  Result<Entry> update(const Actor& a, const std::string& code, EntryMeta meta, const std::string& reason);
  Result<Entry> update_dictionary(const Actor& a, const std::string& code,
                                  std::vector<core::Field> fields, const std::string& reason);
  // Readable entries: published ones for anyone; others for staff of the provider, the
  // authority and admins. not_found otherwise (existence is not revealed).
  Result<Entry> get(const Actor* a, const std::string& code);
  Result<std::vector<Entry>> list_mine(const Actor& a);
  // State changes: publish (needs a version when the entry has data), suspend, withdraw,
  // restore — by admins and by the authority whose jurisdiction covers the provider (see
  // on_supervision); a provider's own staff may suspend its published entry at once (Zhejiang
  // art. 35, Shandong art. 16). A reason is required except to publish.
  Result<Entry> set_state(const Actor& a, const std::string& code, const std::string& action,
                          const std::string& reason, std::optional<std::int64_t> version_id);
  // The two halves of set_state, for callers whose transaction must also commit the change (a
  // workflow flow): prepare_state() checks and makes the desensitized copy the state needs
  // (slow, idempotent, outside any transaction); set_state(tx, …) writes the change in `tx`,
  // checking again, and tells the version-published listener after the commit.
  Result<void> prepare_state(const Actor& a, const std::string& code, const std::string& action,
                             const std::string& reason, std::optional<std::int64_t> version_id);
  Result<void> set_state(db::Tx& tx, const Actor& a, const std::string& code, const std::string& action,
                         const std::string& reason, std::optional<std::int64_t> version_id);
  // A routine update of published data that the profile lets the provider publish without review
  // (policy `updates = "direct_if_unchanged"`; the review module's update flow decides, this
  // does not). prepare_version_update() checks that `a` is the provider's staff (or an admin) and
  // the entry is published with another version, and makes the desensitized copy of
  // `version_id` (slow, idempotent, outside any transaction). publish_version_update() makes
  // `version_id` (state ready) the published version in `tx` only while `replaces` still is (else
  // conflict), as one revision of the entry whose history item (action "publish_update") names
  // the actor and `reason` (which versions, why no review); listeners hear of it after the commit.
  Result<void> prepare_version_update(const Actor& a, const std::string& code, std::int64_t version_id);
  Result<void> publish_version_update(db::Tx& tx, const Actor& a, const std::string& code, std::int64_t version_id,
                                      std::int64_t replaces, const std::string& reason);
  // A change request approved (CAT-3): the entry's description and dictionary become `meta`
  // (code unchanged). prepare_change() validates and, for published data, makes the copy
  // desensitized with the new rules; apply_change() writes both in `tx` as two revisions.
  // undo_change_preparation() puts the copy back to the entry's current rules.
  Result<void> prepare_change(const std::string& code, const EntryMeta& meta);
  Result<void> apply_change(db::Tx& tx, const Actor& a, const std::string& code, EntryMeta meta,
                            const std::string& reason);
  void undo_change_preparation(const std::string& code);
  // Who supervises whom: whether an authority user may change the state of an entry of the
  // provider organisation `provider_id` (jurisdictions, issue 11). Unset: every authority
  // user supervises every provider. Set once while wiring.
  using Supervises = std::function<bool(const Actor& a, std::int64_t provider_id)>;
  void on_supervision(Supervises fn) { supervises_ = std::move(fn); }
  // Called after a publication made `version_id` the entry's published version (not when the
  // published version stayed the same), on the publishing thread, after the commit. Set once
  // while wiring, before the service is shared between threads. The user centre uses it to tell
  // subscribers; the catalog does not know who listens.
  using VersionPublished = std::function<void(const Entry& e, std::int64_t version_id)>;
  void on_version_published(VersionPublished fn) { version_published_ = std::move(fn); }

  // --- history (history.cpp)
  Result<std::vector<HistoryItem>> history(const Actor& a, const std::string& code);
  Result<std::vector<Change>> diff(const Actor& a, const std::string& code, int from, int to);

  // --- search (search.cpp holds the index; this refreshes it when the catalog changed)
  Result<SearchResult> search(const SearchQuery& q);
  Result<std::vector<DuplicateFlag>> duplicates();
  // Published entries whose next update is due within `days` (or overdue), most overdue first:
  // the caller's own organisations' entries, every entry for the authority and admin.
  Result<std::vector<Entry>> due(const Actor& a, int days);
  // Counters of the public catalog for the portal's home page (EVA-3). Open data is what
  // anyone may take: published entries open without conditions (unconditional); entries open on
  // conditions and not-open entries are listed in the catalog but not counted as open data.
  struct PortalStats {
    std::int64_t entries = 0;    // open datasets
    std::int64_t records = 0;    // rows of their published versions
    std::int64_t downloads = 0;  // their downloads, current (not the index's)
    std::int64_t catalog_entries = 0;  // every published entry of the catalog, whatever its opening
    std::int64_t providers = 0;  // providers().size(): the same definition on every page
    std::vector<std::pair<std::string, std::int64_t>> updates_by_month;  // "2026-11" → open datasets updated
  };
  Result<PortalStats> portal_stats();
  // The data providers of the public catalog: organisations with at least one published entry,
  // most datasets first. The one definition behind the home page's counter, the providers list,
  // a provider's page and the search's provider facet: `datasets` equals that facet's count
  // without filters (every published entry, whatever its opening), `open_datasets` the count
  // with the unconditional filter.
  struct ProviderSummary {
    std::int64_t id = 0;
    std::string name;
    std::string kind;  // the organisation's kind (access::kOrgKinds)
    std::string region_code, region_name;  // the organisation's region
    std::int64_t datasets = 0, open_datasets = 0;
  };
  Result<std::vector<ProviderSummary>> providers();

  // --- versions and ingestion (versions.cpp, import.cpp)
  // Staff (provider, authority, admin) see every version with its provenance (uploader, file
  // name, SHA-256, import report); others only the published one, without provenance.
  Result<std::vector<Version>> versions(const Actor* a, const std::string& code);
  Result<ImportResult> import(const Actor& a, const std::string& code, const ImportRequest& req,
                              ImportProgress& progress);
  // The first `limit` rows (at most 200) of the published version, or of `version_id` with a
  // staff permit. `raw`: with a staff permit, the version's own rows instead of the
  // desensitized copy. The caller has asked the access decision for `permit`.
  Result<Preview> preview(const Actor* a, const std::string& code, std::optional<std::int64_t> version_id,
                          int limit, const ReadPermit& permit, bool raw = false);
  // The published version of an entry (its desensitized copy when it has one), with its rows
  // opened for reading; `count_download` adds one to the entry's downloads. The caller has asked
  // the access decision for `permit`.
  struct OpenVersion {
    Entry entry;
    Version version;  // `columns`: the columns served (the permit's fields when it names some)
    std::unique_ptr<VersionStore::Table> table;
    // What to read FROM: the table's name, or a derived table that renames the permitted
    // columns to c0…cN in `version.columns`' order when the permit names fields.
    std::string from;
  };
  Result<OpenVersion> open_published(const Actor* a, const std::string& code, const ReadPermit& permit,
                                     bool count_download);

  // --- desensitization (desensitize.cpp, personal.cpp; MSK-2, MSK-4, MSK-5, MSK-6)
  // Detected kind of personal data and suggested rule per column of a version, on the sample of
  // personal.h (staff only); columns by their dictionary names.
  Result<std::vector<mask::ColumnScan>> scan_version(const Actor& a, const std::string& code,
                                                     std::int64_t version_id);
  // What the detectors find in a version (MSK-1, CLS-6, PUB-5), on the sample of personal.h: per
  // column, in the stored values and in the same values after the dictionary's current rules
  // (what publication would serve). Staff of the provider, the authority, admins (denied
  // otherwise). Versions never change, so answers are cached per version and rules.
  Result<PersonalDataReport> find_personal_data(const Actor& a, const std::string& code,
                                                std::int64_t version_id);
  // The first rows of a version before and after `rules` (column → rule text; columns not
  // named keep the dictionary's rule), and the k-anonymity of the whole version as it would
  // be published over `quasi_identifiers`. Staff of the provider, authority, admin.
  Result<MaskPreview> mask_preview(const Actor& a, const std::string& code, const MaskPreviewRequest& req);
  VersionStore& store() { return *store_; }

  const CatalogConfig& config() const { return cfg_; }

 private:
  Result<Entry> load(db::Connection& c, const std::string& code);
  Result<void> check_can_edit(const Actor& a, const Entry& e) const;
  bool can_read(const Actor* a, const Entry& e) const;
  Result<void> record(db::Connection& c, const Entry& e, const Actor& a, const std::string& action,
                      const std::string& reason);
  Result<void> bump_generation(db::Connection& c);
  Result<Entry> save(const Actor& a, Entry e, const std::string& action, const std::string& reason);
  Result<void> save_in(db::Connection& c, const Actor& a, Entry& e, const std::string& action,
                       const std::string& reason);
  Result<void> check_state_change(const Actor& a, const Entry& e, const std::string& action,
                                  const std::string& reason) const;
  // Makes `version_id` (of `e`) the published version: the old one superseded, row count and
  // data date of the entry updated. On `c`, inside the caller's transaction.
  Result<void> switch_published_version(db::Connection& c, const Entry& e, std::int64_t version_id, std::int64_t now);
  // Tells the version-published listener after `tx` commits.
  void tell_published(db::Tx& tx, const std::string& code, std::int64_t version_id);
  // The entry a direct update of `version_id` applies to, when `a` may publish it.
  Result<Entry> update_target(const Actor& a, const std::string& code, std::int64_t version_id);
  Result<std::vector<Entry>> load_all(db::Connection& c, bool published_only);
  // The search index of the published catalog, rebuilt when the catalog generation moved.
  Result<std::shared_ptr<const SearchIndex>> current_index(db::Connection& c);
  // Downloads of the published entries as they are now (one indexed query; a download does not
  // rebuild the index).
  Result<std::shared_ptr<const DownloadCounts>> current_downloads(db::Connection& c);
  // Makes (or reuses) the desensitized copy of a version with the entry's current rules.
  Result<void> ensure_desensitized(const Entry& e, std::int64_t version_id);
  Result<Version> load_version(const Entry& e, std::int64_t version_id);
  // The scan sample of a version's stored rows (personal.h), values as text.
  Result<std::vector<ingest::Record>> sample_version(const Version& v);

  db::Pool& pool_;
  const core::Clock& clock_;
  const core::RegionTable& regions_;
  CatalogConfig cfg_;
  std::unique_ptr<VersionStore> store_;
  std::mutex index_mu_;
  std::int64_t index_generation_ = -1;
  std::shared_ptr<const SearchIndex> index_;
  VersionPublished version_published_;
  Supervises supervises_;
  std::mutex findings_mu_;
  std::map<std::string, PersonalDataReport> findings_;  // version id + rules → report
};

}  // namespace kf::catalog
