#include <fmt/format.h>

#include "catalog/service.h"
#include "core/clock.h"

#include <spdlog/spdlog.h>

namespace kf::catalog {

namespace json = boost::json;

namespace {

// Indexes of the columns a permit of some fields allows, in the version's order.
std::vector<std::size_t> permitted_columns(const std::vector<core::Field>& columns,
                                           const std::vector<std::string>& fields) {
  std::vector<std::size_t> kept;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (std::find(fields.begin(), fields.end(), columns[i].name) != fields.end()) kept.push_back(i);
  }
  return kept;
}

}  // namespace

json::object version_to_json(const Version& v) {
  json::array cols;
  for (const auto& f : v.columns) cols.emplace_back(f.name);
  json::object o{{"id", v.id},
                 {"number", v.number},
                 {"state", v.state},
                 {"row_count", v.row_count},
                 {"rejected_count", v.rejected_count},
                 {"columns", cols},
                 {"encoding", v.encoding},
                 {"format", v.format},
                 {"created_at", core::iso8601(v.created_at)},
                 {"published_at", v.published_at ? json::value(core::iso8601(*v.published_at)) : json::value(nullptr)},
                 {"desensitized", !v.masked_storage.empty()}};
  if (v.provenance) {
    o["sha256"] = v.sha256;
    o["source_name"] = v.source_name;
    o["created_by"] = v.created_by;
    o["report"] = v.report;
  }
  return o;
}

const char* const kVersionSelect =
    "SELECT id, entry_id, number, state, row_count, rejected_count, columns, sha256, encoding, format, "
    "source_name, storage, report, created_at, created_by, published_at, masked_storage, masked_columns, masked_rules "
    "FROM dataset_versions";

Result<Version> version_from_row(const db::Row& r) {
  Version v;
  v.id = r.int64(0);
  v.entry_id = r.int64(1);
  v.number = static_cast<int>(r.int64(2));
  v.state = r.text(3);
  v.row_count = r.int64(4);
  v.rejected_count = r.int64(5);
  KF_ASSIGN(v.columns, fields_from_json(json::parse(r.text(6))));
  v.sha256 = r.text(7);
  v.encoding = r.text(8);
  v.format = r.text(9);
  v.source_name = r.text(10);
  v.storage = r.text(11);
  v.report = json::parse(r.text(12)).as_object();
  v.created_at = r.int64(13);
  v.created_by = r.text(14);
  if (!r.is_null(15)) v.published_at = r.int64(15);
  if (!r.is_null(16)) {
    v.masked_storage = r.text(16);
    KF_ASSIGN(v.masked_columns, fields_from_json(json::parse(r.text(17))));
    v.masked_rules = r.text(18);
  }
  return v;
}

Result<std::vector<Version>> CatalogService::versions(const Actor* a, const std::string& code) {
  KF_ASSIGN(Entry e, get(a, code));
  // Older versions are for the provider's staff and the authority (PUB-3).
  bool staff = a && (a->is("admin") || a->is("authority") || a->member_of(e.provider_id));
  KF_ASSIGN(auto c, pool_.acquire());
  KF_ASSIGN(auto rs, c->query(std::string(kVersionSelect) + " WHERE entry_id = ? ORDER BY number DESC", {e.id}));
  std::vector<Version> out;
  for (const auto& r : rs.rows) {
    KF_ASSIGN(auto v, version_from_row(r));
    if (!staff && v.state != "published") continue;
    if (!staff) {
      // Account names and file hashes are the provider's working details, not public data.
      v.provenance = false;
      v.created_by.clear();
      v.source_name.clear();
      v.sha256.clear();
      v.report = {};
    }
    out.push_back(std::move(v));
  }
  return out;
}

Result<Preview> CatalogService::preview(const Actor* a, const std::string& code,
                                        std::optional<std::int64_t> version_id, int limit,
                                        const ReadPermit& permit, bool raw) {
  KF_ASSIGN(Entry e, get(a, code));
  const bool staff = permit.staff_view;
  std::optional<std::int64_t> vid = version_id ? version_id : e.published_version_id;
  if (version_id && !staff && version_id != e.published_version_id) {
    return Error::not_found("数据版本不存在");
  }
  Preview out;
  for (const auto& f : e.meta.fields) out.columns.push_back(f.name);
  if (!vid) return out;
  Version v;
  {
    KF_ASSIGN(auto c, pool_.acquire());
    KF_ASSIGN(auto rs, c->query(std::string(kVersionSelect) + " WHERE id = ? AND entry_id = ?", {*vid, e.id}));
    if (rs.rows.empty()) return Error::not_found("数据版本不存在");
    KF_ASSIGN(v, version_from_row(rs.rows[0]));
  }
  // The published version is shown as published: desensitized. Staff may ask for the raw rows;
  // the authority's and administrators' reads of raw personal data are audited.
  if (!v.masked_storage.empty() && !(raw && staff)) {
    v.storage = v.masked_storage;
    v.columns = v.masked_columns;
  } else if (!v.masked_storage.empty() || (e.meta.contains_personal_data && vid == e.published_version_id)) {
    if (a && !a->member_of(e.provider_id)) {
      spdlog::warn("{{\"event\":\"raw_data_read\",\"user_id\":{},\"entry\":\"{}\",\"version_id\":{}}}",
                   a->user_id, e.meta.code, v.id);
    }
  }
  out.version_id = v.id;
  out.columns.clear();
  std::vector<std::size_t> kept;
  if (permit.fields) {
    kept = permitted_columns(v.columns, *permit.fields);
  } else {
    for (std::size_t i = 0; i < v.columns.size(); ++i) kept.push_back(i);
  }
  std::string select;
  for (std::size_t i : kept) {
    out.columns.push_back(v.columns[i].name);
    select += (select.empty() ? "" : ", ") + physical_column(i);
  }
  if (kept.empty()) return out;
  limit = std::clamp(limit, 1, 200);
  KF_TRY(store_->read(v.storage, [&](db::Connection& c, const std::string& table) -> Result<void> {
    KF_ASSIGN(auto rs, c.query(fmt::format("SELECT {} FROM {} LIMIT {}", select, table, limit)));
    for (const auto& r : rs.rows) {
      std::vector<db::Value> cells;
      for (std::size_t i = 0; i < r.size(); ++i) cells.push_back(r.at(i));
      out.rows.push_back(std::move(cells));
    }
    return kf::ok();
  }));
  return out;
}

}  // namespace kf::catalog

namespace kf::catalog {

Result<CatalogService::OpenVersion> CatalogService::open_published(const Actor* a, const std::string& code,
                                                                  const ReadPermit& permit, bool count_download) {
  KF_ASSIGN(Entry e, get(a, code));
  if (!e.published_version_id) return Error::not_found("该目录尚未发布数据");
  OpenVersion out;
  {
    KF_ASSIGN(auto c, pool_.acquire());
    KF_ASSIGN(auto rs, c->query(std::string(kVersionSelect) + " WHERE id = ?", {*e.published_version_id}));
    if (rs.rows.empty()) return Error::not_found("数据版本不存在");
    KF_ASSIGN(out.version, version_from_row(rs.rows[0]));
    // Every public read serves the desensitized copy (MSK-6), staff included.
    if (!out.version.masked_storage.empty()) {
      out.version.storage = out.version.masked_storage;
      out.version.columns = out.version.masked_columns;
    }
    if (count_download) {
      KF_TRY(c->query("UPDATE catalog_entries SET downloads = downloads + 1 WHERE id = ?", {e.id}));
    }
  }
  KF_ASSIGN(out.table, store_->open(out.version.storage));
  out.from = out.table->name();
  if (permit.fields) {
    auto kept = permitted_columns(out.version.columns, *permit.fields);
    std::string select;
    std::vector<core::Field> columns;
    for (std::size_t j = 0; j < kept.size(); ++j) {
      if (j) select += ", ";
      select += physical_column(kept[j]) + " AS " + physical_column(j);
      columns.push_back(out.version.columns[kept[j]]);
    }
    if (kept.empty()) return Error::denied("您获得的授权不包括该数据的任何字段");
    out.from = fmt::format("(SELECT {} FROM {}) kf_granted", select, out.from);
    out.version.columns = std::move(columns);
  }
  out.entry = std::move(e);
  return out;
}

}  // namespace kf::catalog
