// Search, one data one source, due dates: the read-only views over the whole catalog.
#include <algorithm>
#include <map>
#include <set>

#include "catalog/due.h"
#include "catalog/service.h"

namespace kf::catalog {

Result<std::shared_ptr<const SearchIndex>> CatalogService::current_index(db::Connection& c) {
  KF_ASSIGN(auto g, c.query("SELECT generation FROM catalog_generation WHERE id = 1"));
  std::int64_t generation = g.rows.empty() ? 0 : g.rows[0].int64(0);
  std::lock_guard lock(index_mu_);
  // Rebuilt only when the catalog changed (in this process or another one sharing the
  // database): one cheap query per search otherwise.
  if (!index_ || generation != index_generation_) {
    KF_ASSIGN(auto entries, load_all(c, true));
    index_ = std::make_shared<const SearchIndex>(std::move(entries));
    index_generation_ = generation;
  }
  return index_;
}

Result<std::shared_ptr<const DownloadCounts>> CatalogService::current_downloads(db::Connection& c) {
  // Covered by the index catalog_entries_downloads (migration 210): only downloaded entries.
  KF_ASSIGN(auto rs, c.query("SELECT id, downloads FROM catalog_entries WHERE state = 'published' AND downloads > 0"));
  auto counts = std::make_shared<DownloadCounts>();
  counts->reserve(rs.rows.size());
  for (const auto& r : rs.rows) counts->emplace(r.int64(0), r.int64(1));
  return std::shared_ptr<const DownloadCounts>(std::move(counts));
}

Result<SearchResult> CatalogService::search(const SearchQuery& q) {
  std::shared_ptr<const SearchIndex> index;
  std::shared_ptr<const DownloadCounts> downloads;
  {
    KF_ASSIGN(auto c, pool_.acquire());
    KF_ASSIGN(index, current_index(*c));
    KF_ASSIGN(downloads, current_downloads(*c));
  }
  return index->search(q, index, std::move(downloads));
}

namespace {

bool open_data(const Entry& e) { return e.meta.open_attribute == "unconditional"; }

// The one definition of a data provider of the public catalog (see CatalogService::providers).
std::vector<CatalogService::ProviderSummary> provider_summaries(const SearchIndex& index,
                                                                const core::RegionTable& regions) {
  std::map<std::int64_t, CatalogService::ProviderSummary> by_id;
  for (const auto& e : index.entries()) {
    auto& p = by_id[e.provider_id];
    if (p.id == 0) {
      p.id = e.provider_id;
      p.name = e.provider_name;
      p.kind = e.provider_kind;
      p.region_code = e.provider_region_code;
      if (const auto* reg = regions.find(e.provider_region_code)) p.region_name = reg->name;
    }
    ++p.datasets;
    if (open_data(e)) ++p.open_datasets;
  }
  std::vector<CatalogService::ProviderSummary> out;
  out.reserve(by_id.size());
  for (auto& [id, p] : by_id) out.push_back(std::move(p));
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.datasets > b.datasets; });
  return out;
}

}  // namespace

Result<std::vector<CatalogService::ProviderSummary>> CatalogService::providers() {
  KF_ASSIGN(auto c, pool_.acquire());
  KF_ASSIGN(auto index, current_index(*c));
  return provider_summaries(*index, regions_);
}

Result<CatalogService::PortalStats> CatalogService::portal_stats() {
  std::shared_ptr<const SearchIndex> index;
  std::shared_ptr<const DownloadCounts> downloads;
  {
    KF_ASSIGN(auto c, pool_.acquire());
    KF_ASSIGN(index, current_index(*c));
    KF_ASSIGN(downloads, current_downloads(*c));
  }
  PortalStats s;
  s.providers = static_cast<std::int64_t>(provider_summaries(*index, regions_).size());
  std::map<std::string, std::int64_t> months;
  for (const auto& e : index->entries()) {
    ++s.catalog_entries;
    if (!open_data(e)) continue;
    ++s.entries;
    s.records += e.row_count.value_or(0);
    if (auto it = downloads->find(e.id); it != downloads->end()) s.downloads += it->second;
    if (e.data_updated_at) ++months[core::iso8601(*e.data_updated_at).substr(0, 7)];
  }
  s.updates_by_month.assign(months.begin(), months.end());
  return s;
}

namespace {
// Items are compared by their Chinese label, falling back to the column name.
std::string item_key(const core::Field& f) { return f.label.empty() ? f.name : f.label; }
}  // namespace

Result<std::vector<DuplicateFlag>> CatalogService::duplicates() {
  KF_ASSIGN(auto c, pool_.acquire());
  KF_ASSIGN(auto all, load_all(*c, false));
  std::map<std::string, std::vector<std::size_t>> holders;  // item → entries having it
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (all[i].state == "withdrawn") continue;
    std::set<std::string> items;
    for (const auto& f : all[i].meta.fields) items.insert(item_key(f));
    for (const auto& it : items) holders[it].push_back(i);
  }
  std::vector<DuplicateFlag> out;
  for (std::size_t s = 0; s < all.size(); ++s) {
    const Entry& source = all[s];
    std::vector<std::string> keys;
    for (const auto& f : source.meta.fields) {
      if (f.key) keys.push_back(item_key(f));
    }
    if (keys.empty() || source.state == "withdrawn") continue;
    // Entries of other providers that hold every key item of `source`.
    std::map<std::size_t, int> count;
    for (const auto& k : keys) {
      for (auto i : holders[k]) {
        if (all[i].provider_id != source.provider_id) ++count[i];
      }
    }
    for (const auto& [i, n] : count) {
      if (n != static_cast<int>(keys.size())) continue;
      out.push_back({all[i].meta.code, all[i].meta.name, all[i].provider_name, source.meta.code,
                     source.meta.name, source.provider_name, keys});
    }
  }
  return out;
}

Result<std::vector<Entry>> CatalogService::due(const Actor& a, int days) {
  KF_ASSIGN(auto c, pool_.acquire());
  KF_ASSIGN(auto all, load_all(*c, true));
  std::int64_t limit = clock_.now_ms() + static_cast<std::int64_t>(days) * 86400000LL;
  std::vector<Entry> out;
  const bool everyone = a.is("admin") || a.is("authority");
  for (auto& e : all) {
    if (!everyone && !a.member_of(e.provider_id)) continue;  // a provider's own entries
    auto d = next_update_due(e);
    if (d && *d <= limit) out.push_back(std::move(e));
  }
  std::sort(out.begin(), out.end(),
            [](const Entry& x, const Entry& y) { return *next_update_due(x) < *next_update_due(y); });
  return out;
}

}  // namespace kf::catalog
